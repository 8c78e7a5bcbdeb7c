/**
 * Our focused DICOM codec, JDK only and free of I/O of its own (callers hand it bytes or streams).
 *
 * <p>The doors: {@link org.xcaibridge.dicom.DicomReader} (Part 10 files and bare datasets, whole or
 * chunk by chunk, PS3.10 §7 and PS3.5 §7–§10) on top of the push parser
 * {@link org.xcaibridge.dicom.DicomStreamParser}; {@link org.xcaibridge.dicom.DicomWriter} (Part 10 in
 * Explicit and Implicit VR Little Endian, streaming transcoding between the native syntaxes). The
 * in-memory model is {@link org.xcaibridge.dicom.Dataset} of {@link org.xcaibridge.dicom.DataElement}s,
 * values always little endian. Limits against hostile input are {@link org.xcaibridge.dicom.ReadLimits};
 * failures are {@link org.xcaibridge.dicom.DicomParseException}s that name the offset.
 * {@link org.xcaibridge.dicom.SyntheticStudies} makes the project's own test and demo data (CT, MR, US
 * cine, JPEG Baseline CR) from a seeded Random and a Clock; its JPEG encoder is the JDK's ImageIO.
 *
 * <p>May import: the JDK only (architecture.md, package table).
 */
package org.xcaibridge.dicom;
