"""The test oracle for a transcoded instance: reads the source file and the received one with pydicom and prints,
as JSON, the received transfer syntax, whether the pixel arrays are equal, and every element of the dataset that
differs (file meta and group lengths aside, which transcoding rewrites). Private elements that one encoding
carries as UN (Implicit VR has no VRs) cannot be compared by value and are counted instead.
Usage: compare_transcoded.py SOURCE RECEIVED
"""
import json
import sys

import numpy as np
import pydicom


def walk(a, b, path, out):
    for elem in a:
        tag = elem.tag
        if tag.group == 2 or tag.element == 0 or tag == 0x7FE00010:
            continue
        if tag not in b:
            out["differences"].append(path + str(tag) + " missing in the received instance")
            continue
        other = b[tag]
        if elem.VR == "UN" or other.VR == "UN":
            out["unknownVr"] += 1
        elif elem.VR == "SQ":
            if len(elem.value) != len(other.value):
                out["differences"].append(path + str(tag) + " has another number of items")
            for i, (x, y) in enumerate(zip(elem.value, other.value)):
                walk(x, y, "%s%s[%d]." % (path, tag, i), out)
        elif elem.value != other.value:
            out["differences"].append(path + str(tag) + " differs")
    for elem in b:
        if elem.tag.group != 2 and elem.tag.element != 0 and elem.tag not in a:
            out["differences"].append(path + str(elem.tag) + " added in the received instance")


def main(source, received):
    a = pydicom.dcmread(source)
    b = pydicom.dcmread(received)
    out = {"transferSyntax": str(b.file_meta.TransferSyntaxUID), "sopInstance": str(b.SOPInstanceUID),
           "differences": [], "unknownVr": 0}
    walk(a, b, "", out)
    out["pixelsEqual"] = bool(np.array_equal(a.pixel_array, b.pixel_array))
    print(json.dumps(out))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
