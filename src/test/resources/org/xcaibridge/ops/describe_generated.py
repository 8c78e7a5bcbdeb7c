"""Reads DICOM files with pydicom (the test oracle) and prints one tab-separated line of facts per file.

Columns: path, SOPClassUID, SOPInstanceUID, SeriesInstanceUID, StudyInstanceUID, FrameOfReferenceUID,
Modality, TransferSyntaxUID, PatientID, PatientName, shape, dtype, min, max, mean, ImagePositionPatient,
ImageOrientationPatient, SliceThickness, SliceLocation, PixelSpacing, NumberOfFrames.
min/max/mean are of the modality values (rescaled for CT). Geometry fields are '-' where absent.
"""
import sys

import numpy as np
import pydicom


def ds_list(ds, keyword):
    v = ds.get(keyword)
    if v is None:
        return "-"
    if isinstance(v, (list, pydicom.multival.MultiValue)):
        return "\\".join(repr(float(x)) for x in v)
    return repr(float(v))


def main(paths):
    for path in paths:
        ds = pydicom.dcmread(path)
        arr = ds.pixel_array
        values = arr.astype(np.float64)
        if "RescaleSlope" in ds:
            values = values * float(ds.RescaleSlope) + float(ds.RescaleIntercept)
        fields = [
            path, ds.SOPClassUID, ds.SOPInstanceUID, ds.SeriesInstanceUID, ds.StudyInstanceUID,
            ds.get("FrameOfReferenceUID", "-"), ds.Modality, ds.file_meta.TransferSyntaxUID,
            ds.PatientID, str(ds.PatientName), "x".join(str(n) for n in arr.shape), str(arr.dtype),
            repr(float(values.min())), repr(float(values.max())), repr(float(values.mean())),
            ds_list(ds, "ImagePositionPatient"), ds_list(ds, "ImageOrientationPatient"),
            ds_list(ds, "SliceThickness"), ds_list(ds, "SliceLocation"), ds_list(ds, "PixelSpacing"),
            str(ds.get("NumberOfFrames", "1")),
        ]
        print("\t".join(fields))
    sys.stdout.flush()


if __name__ == "__main__":
    main(sys.argv[1:])
