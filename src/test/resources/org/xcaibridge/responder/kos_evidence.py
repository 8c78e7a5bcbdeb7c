"""The test oracle for a manifest: reads a KOS file with pydicom and prints, as JSON, its identity and the
evidence it lists (study, each series with its Retrieve Location UID and AE title, each instance).
Usage: kos_evidence.py FILE
"""
import json
import sys

import pydicom


def main(path):
    ds = pydicom.dcmread(path)
    out = {
        "sopClass": ds.SOPClassUID, "sopInstance": ds.SOPInstanceUID, "mediaStorageSopInstance":
            ds.file_meta.MediaStorageSOPInstanceUID, "transferSyntax": ds.file_meta.TransferSyntaxUID,
        "study": ds.StudyInstanceUID, "patientId": ds.get("PatientID", ""), "patientName": str(ds.get("PatientName", "")),
        "title": ds.ConceptNameCodeSequence[0].CodeValue, "contentDate": ds.ContentDate, "evidence": [],
    }
    for st in ds.CurrentRequestedProcedureEvidenceSequence:
        for se in st.ReferencedSeriesSequence:
            out["evidence"].append({
                "study": st.StudyInstanceUID, "series": se.SeriesInstanceUID,
                "retrieveLocationUid": se.RetrieveLocationUID, "retrieveAeTitle": se.RetrieveAETitle,
                "instances": [[i.ReferencedSOPClassUID, i.ReferencedSOPInstanceUID] for i in se.ReferencedSOPSequence],
            })
    print(json.dumps(out))


if __name__ == "__main__":
    main(sys.argv[1])
