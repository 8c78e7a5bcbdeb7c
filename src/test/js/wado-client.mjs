// Drives a WADO-RS retrieval with the JS dicomweb-client (what OHIF uses) and reports what it parsed, as one
// JSON line on stdout: {"ok":true,"parts":[{length,sha256,contentType,transferSyntaxUID,sopInstanceUID}]} or
// {"ok":false,"status":…,"error":…}. Arguments: <wado base URL> <series|frames|bulk> <UIDs…|URI> [frame list].
import xhr2 from 'xhr2';
import dwc from 'dicomweb-client';
import dcmjs from 'dcmjs';
import { createHash } from 'node:crypto';

globalThis.XMLHttpRequest = xhr2;
const [, , base, op, ...args] = process.argv;
const client = new dwc.api.DICOMwebClient({ url: base, singlepart: op === 'bulk-single' ? 'bulkdata' : undefined });

function describe(part, decodeDicom) {
  const bytes = new Uint8Array(part);
  const out = {
    length: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    contentType: part.contentType ?? null,
    transferSyntaxUID: part.transferSyntaxUID ?? null,
  };
  if (decodeDicom) {
    const file = dcmjs.data.DicomMessage.readFile(part);
    const meta = dcmjs.data.DicomMetaDictionary.naturalizeDataset(file.meta);
    const dataset = dcmjs.data.DicomMetaDictionary.naturalizeDataset(file.dict);
    out.sopInstanceUID = dataset.SOPInstanceUID;
    out.fileTransferSyntaxUID = meta.TransferSyntaxUID;
  }
  return out;
}

try {
  let parts;
  let dicom = false;
  if (op === 'series') {
    parts = await client.retrieveSeries({ studyInstanceUID: args[0], seriesInstanceUID: args[1] });
    dicom = true;
  } else if (op === 'frames') {
    parts = await client.retrieveInstanceFrames({
      studyInstanceUID: args[0], seriesInstanceUID: args[1], sopInstanceUID: args[2],
      frameNumbers: args[3].split(','),
    });
  } else if (op === 'bulk' || op === 'bulk-single') {
    parts = await client.retrieveBulkData({ BulkDataURI: args[0] });
  } else {
    throw new Error(`unknown operation ${op}`);
  }
  console.log(JSON.stringify({ ok: true, parts: parts.map((p) => describe(p, dicom)) }));
} catch (e) {
  console.log(JSON.stringify({ ok: false, status: e.status ?? null, error: String(e.message ?? e) }));
}
