"""Frame oracle for FramesMatchPydicomTest: reads DICOM paths (one per stdin line) with pydicom 2.3.1 and
prints one tab-separated line per file: path, status (ok, error, nopixels, unreadable), "encapsulated" or
"native", "checked" or "-" (pixel_array cross-check done), then length:sha256 of every frame, or the error.

Native frames are cut from ds.PixelData with the frame length of PS3.5 8.1.1 (big endian samples made
little endian, 1-bit frames repacked from bit 0, LSB first) and, independently, rebuilt in stored layout
from ds.pixel_array; the two must agree or the file is reported as an oracle error. Encapsulated frames
are pydicom.encaps.generate_pixel_data_frame(ds.PixelData, NumberOfFrames)."""
import hashlib, sys, warnings
warnings.simplefilter("ignore")
import numpy as np
import pydicom
from pydicom.encaps import generate_pixel_data_frame
from pydicom.pixel_data_handlers.util import get_nr_frames, pack_bits, unpack_bits

PIXEL_KEYWORDS = ("PixelData", "FloatPixelData", "DoubleFloatPixelData")


def digest(frames):
    return [{"len": len(f), "sha256": hashlib.sha256(f).hexdigest()} for f in frames]


def native_frames(ds, keyword, nf):
    data = getattr(ds, keyword)
    rows, cols, spp, ba = int(ds.Rows), int(ds.Columns), int(ds.SamplesPerPixel), int(ds.BitsAllocated)
    pi = str(ds.PhotometricInterpretation)
    frames = []
    if ba == 1:
        per_frame = rows * cols * spp
        bits = unpack_bits(data, as_array=True)
        if len(bits) < nf * per_frame:
            raise ValueError("pixel data too short for %d frames" % nf)
        for n in range(nf):
            frames.append(pack_bits(bits[n * per_frame:(n + 1) * per_frame]))
    else:
        flen = rows * cols * (2 if pi == "YBR_FULL_422" else spp) * ba // 8
        if len(data) < nf * flen:
            raise ValueError("pixel data too short: %d < %d" % (len(data), nf * flen))
        for n in range(nf):
            f = data[n * flen:(n + 1) * flen]
            if not ds.is_little_endian and ba > 8:
                f = np.frombuffer(f, dtype=">u%d" % (ba // 8)).byteswap().tobytes()
            frames.append(bytes(f))
    return frames, cross_check(ds, frames, nf, spp, ba, pi)


def cross_check(ds, frames, nf, spp, ba, pi):
    """Rebuilds the stored bytes of each frame from pixel_array; None when pydicom resamples (YBR_FULL_422)."""
    if pi == "YBR_FULL_422":
        return None
    arr = ds.pixel_array
    if nf == 1:
        arr = arr[np.newaxis, ...]
    for n in range(nf):
        a = arr[n]
        if ba == 1:
            stored = pack_bits(a.ravel())
        else:
            if spp > 1 and int(ds.get("PlanarConfiguration", 0) or 0) == 1:
                a = np.moveaxis(a, -1, 0)
            stored = np.ascontiguousarray(a).astype(a.dtype.newbyteorder("<")).tobytes()
        if stored != frames[n]:
            raise ValueError("frame %d from PixelData differs from pixel_array" % (n + 1))
    return True


def one(path):
    try:
        ds = pydicom.dcmread(path, force=True)
        keyword = next((k for k in PIXEL_KEYWORDS if k in ds), None)
    except Exception as e:
        return {"path": path, "status": "unreadable", "error": repr(e)}
    if keyword is None:
        return {"path": path, "status": "nopixels"}
    try:
        ts = ds.file_meta.get("TransferSyntaxUID") if hasattr(ds, "file_meta") else None
        encapsulated = bool(ts) and ts.is_compressed and ts != "1.2.840.10008.1.2.1.99"
        nf = int(get_nr_frames(ds))
        if nf < 1:
            raise ValueError("NumberOfFrames %d" % nf)
        if encapsulated:
            frames, checked = list(generate_pixel_data_frame(ds.PixelData, nf)), None
            if len(frames) != nf:
                raise ValueError("%d frames found, %d expected" % (len(frames), nf))
        else:
            frames, checked = native_frames(ds, keyword, nf)
        return {"path": path, "status": "ok", "encapsulated": encapsulated, "crossChecked": bool(checked),
                "frames": digest(frames)}
    except Exception as e:
        return {"path": path, "status": "error", "error": repr(e)}


for line in sys.stdin:
    line = line.strip()
    if line:
        r = one(line)
        if r["status"] == "ok":
            tail = [("encapsulated" if r["encapsulated"] else "native"), ("checked" if r["crossChecked"] else "-")]
            tail += ["%d:%s" % (f["len"], f["sha256"]) for f in r["frames"]]
        else:
            tail = ["-", "-", r.get("error", "").replace("\t", " ").replace("\n", " ")]
        print("\t".join([r["path"], r["status"]] + tail), flush=True)
