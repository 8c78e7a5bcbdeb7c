package org.xcaibridge.ops;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.xcaibridge.dicom.BulkDataUriBuilder;
import org.xcaibridge.dicom.DicomFile;
import org.xcaibridge.dicom.DicomJsonOptions;
import org.xcaibridge.dicom.DicomJsonWriter;
import org.xcaibridge.dicom.DicomParseException;
import org.xcaibridge.dicom.DicomReader;
import org.xcaibridge.dicom.ReadOptions;

/**
 * {@code dicom2json [--inline-bulk] FILE...}: prints one JSON array holding the DICOM JSON Model object
 * (PS3.18 Annex F) of each file, in the order given.
 *
 * <p>Without {@code --inline-bulk}, Pixel Data and binary values over {@value #MAX_INLINE_BYTES} bytes
 * are not read (the reader seeks past them) and are written as a BulkDataURI of the form
 * {@code file:///abs/path.dcm#7FE00010}, or {@code #00540016/0/00181072} for an element inside item 0
 * of a sequence: the file and the element path. An offline tool has no server to point at, and a path,
 * unlike a byte offset, means the same whatever the transfer syntax (offsets of deflated files would
 * refer to the inflated stream); it also follows the tag-path shape of the WADO-RS bulkdata URLs the
 * bridge itself writes. With {@code --inline-bulk}, every binary value is written as InlineBinary, as
 * dcm2json does; encapsulated Pixel Data as its items with their headers, as pydicom does.
 *
 * <p>A file that cannot be read is reported on the error stream with its name and the byte offset of
 * the problem, and left out of the array; the other files are still printed, and the exit code is 1.
 * Wrong usage exits with 2.
 */
public final class Dicom2JsonCommand {
  static final long MAX_INLINE_BYTES = 1024;

  private Dicom2JsonCommand() {}

  static int run(String[] args, PrintStream out, PrintStream err) throws IOException {
    boolean inline = false;
    List<Path> files = new ArrayList<>();
    boolean options = true;
    for (String a : args) {
      if (options && a.equals("--")) {
        options = false;
      } else if (options && a.equals("--inline-bulk")) {
        inline = true;
      } else if (options && (a.equals("-h") || a.equals("--help"))) {
        usage(out);
        return 0;
      } else if (options && a.startsWith("-") && a.length() > 1) {
        err.println("dicom2json: unknown option " + a);
        usage(err);
        return 2;
      } else {
        files.add(Path.of(a));
      }
    }
    if (files.isEmpty()) {
      usage(err);
      return 2;
    }
    ReadOptions read = inline ? ReadOptions.ALL : ReadOptions.HEADERS.withBulkDataThreshold(MAX_INLINE_BYTES);
    Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
    int failures = 0;
    boolean first = true;
    w.write('[');
    for (Path file : files) {
      DicomFile dicom;
      try (SeekableByteChannel ch = Files.newByteChannel(file)) {
        dicom = DicomReader.read(ch, read);
      } catch (DicomParseException e) {
        failures++;
        err.println("dicom2json: " + file + ": " + e.getMessage());
        continue;
      } catch (NoSuchFileException e) {
        failures++;
        err.println("dicom2json: " + file + ": no such file");
        continue;
      } catch (IOException e) {
        failures++;
        err.println("dicom2json: " + file + ": " + e);
        continue;
      }
      String base = file.toAbsolutePath().normalize().toUri().toString();
      BulkDataUriBuilder uris = (element, path) -> base + "#" + path;
      DicomJsonOptions json = inline ? DicomJsonOptions.inline(uris) : DicomJsonOptions.metadata(MAX_INLINE_BYTES, uris);
      if (!first) {
        w.write(',');
      }
      first = false;
      new DicomJsonWriter(json).write(dicom.dataset(), w);
      w.flush();
    }
    w.write("]\n");
    w.flush();
    return failures == 0 ? 0 : 1;
  }

  static void usage(PrintStream out) {
    out.println("usage: java -jar xcai-bridge.jar dicom2json [--inline-bulk] FILE...   print DICOM JSON (PS3.18 F) of the files as one array");
  }
}
