"""The test oracle for an archive index: reads every file under a folder with pydicom and prints, as JSON,
the patients, studies, series and instances they hold, grouped as ImageArchive documents it (the first file by
path gives a study's or series' attributes, a patient those of its study with the lowest UID; an instance held twice counts once; files pydicom cannot
read, DICOMDIRs and files without the four UIDs are not instances; names starting with '.' are passed over).
Usage: archive_tree.py FOLDER
"""
import json
import os
import sys

import pydicom

DICOMDIR = "1.2.840.10008.1.3.10"


def text(ds, keyword):
    v = ds.get(keyword)
    if v is None:
        return None
    if isinstance(v, pydicom.multival.MultiValue):
        v = v[0] if len(v) else ""
    s = str(v).strip()
    return s or None


def number(ds, keyword):
    s = text(ds, keyword)
    return int(s) if s is not None else None


def files(root):
    out = []
    for d, dirs, names in os.walk(root):
        dirs[:] = [x for x in dirs if not x.startswith(".")]
        for n in names:
            if not n.startswith("."):
                p = os.path.join(d, n)
                out.append((os.path.relpath(p, root).replace(os.sep, "/"), p))
    return sorted(out)


def order_key(n, uid):
    return (n is None, n if n is not None else 0, uid)


def main(root):
    instances = {}
    for rel, path in files(root):
        try:
            ds = pydicom.dcmread(path, stop_before_pixels=True)
        except Exception:
            continue
        meta = getattr(ds, "file_meta", None)
        if meta is not None and text(meta, "MediaStorageSOPClassUID") == DICOMDIR:
            continue
        uids = [text(ds, k) for k in ("SOPInstanceUID", "SOPClassUID", "StudyInstanceUID", "SeriesInstanceUID")]
        if None in uids or uids[0] in instances:
            continue
        instances[uids[0]] = (ds, meta, os.path.getsize(path))
    patients, studies, series, inst_out = {}, {}, {}, []
    for uid, (ds, meta, size) in instances.items():
        pid = text(ds, "PatientID") or ""
        patient = {"id": pid, "issuer": text(ds, "IssuerOfPatientID"), "name": text(ds, "PatientName"),
                   "birthDate": text(ds, "PatientBirthDate"), "sex": text(ds, "PatientSex")}
        st = text(ds, "StudyInstanceUID")
        if st not in studies:
            pkey = (pid, patient["issuer"])
            if pkey not in patients or st < patients[pkey][0]:
                patients[pkey] = (st, patient)
        studies.setdefault(st, {"uid": st, "patientId": pid, "patientName": patient["name"],
                                "birthDate": patient["birthDate"], "sex": patient["sex"], "date": text(ds, "StudyDate"),
                                "time": text(ds, "StudyTime"), "accession": text(ds, "AccessionNumber"),
                                "description": text(ds, "StudyDescription"),
                                "referring": text(ds, "ReferringPhysicianName"), "studyId": text(ds, "StudyID")})
        se = text(ds, "SeriesInstanceUID")
        s = series.setdefault((st, se), {"study": st, "uid": se, "modality": text(ds, "Modality"),
                                         "number": number(ds, "SeriesNumber"),
                                         "description": text(ds, "SeriesDescription"),
                                         "date": text(ds, "SeriesDate"), "time": text(ds, "SeriesTime"),
                                         "members": []})
        ts = str(meta.TransferSyntaxUID) if meta is not None and "TransferSyntaxUID" in meta else None
        rec = {"study": st, "series": se, "sopClass": text(ds, "SOPClassUID"), "uid": uid,
               "number": number(ds, "InstanceNumber"), "ts": ts, "size": size}
        s["members"].append(rec)
        inst_out.append(rec)
    series_out = []
    for key, s in series.items():
        members = sorted(s["members"], key=lambda r: order_key(r["number"], r["uid"]))
        classes = []
        for r in members:
            if r["sopClass"] not in classes:
                classes.append(r["sopClass"])
        s = dict(s)
        del s["members"]
        s["sopClasses"] = classes
        s["instances"] = len(members)
        series_out.append(s)
    for st, study in studies.items():
        mine = sorted((s for s in series_out if s["study"] == st), key=lambda s: order_key(s["number"], s["uid"]))
        modalities = []
        for s in mine:
            if s["modality"] is not None and s["modality"] not in modalities:
                modalities.append(s["modality"])
        study.update({"modalities": modalities, "series": len(mine),
                      "instances": sum(s["instances"] for s in mine)})
    print(json.dumps({
        "patients": sorted((p for _, p in patients.values()), key=lambda p: (p["id"], p["issuer"] or "")),
        "studies": sorted(studies.values(), key=lambda s: s["uid"]),
        "series": sorted(series_out, key=lambda s: (s["study"], s["uid"])),
        "instances": sorted(inst_out, key=lambda i: i["uid"]),
    }, indent=1, sort_keys=True))


if __name__ == "__main__":
    main(sys.argv[1])
