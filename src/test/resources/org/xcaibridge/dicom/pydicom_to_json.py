# Oracle for DicomJsonDifferentialTest: reads file paths from stdin, one per line, and prints for each
# one JSON line {"file": path, "ok": true, "json": <Dataset.to_json_dict()>} or {"file", "ok": false,
# "error"}. Binary values are all inline (no bulk data threshold). Run with /usr/bin/python3 (pydicom 2.3).
import json
import sys
import warnings

import pydicom

warnings.simplefilter("ignore")
for line in sys.stdin:
    path = line.rstrip("\n")
    if not path:
        continue
    try:
        ds = pydicom.dcmread(path, force=False)
        out = {"file": path, "ok": True, "json": ds.to_json_dict(bulk_data_threshold=1 << 40)}
    except Exception as e:  # any failure means: pydicom cannot read or convert this file
        out = {"file": path, "ok": False, "error": type(e).__name__ + ": " + str(e)}
    sys.stdout.write(json.dumps(out) + "\n")
    sys.stdout.flush()
