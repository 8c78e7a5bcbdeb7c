// Drives a WADO-RS retrieval with the JS dicomweb-client (what OHIF uses) and reports what it parsed, as one
// JSON line on stdout: {"ok":true,"parts":[{length,sha256,contentType,transferSyntaxUID,sopInstanceUID}]} or
// {"ok":false,"status":…,"error":…}; "networkError" says whether the XHR fired its 'error' event (a transfer
// broken off). In a browser that event comes with status 0, which the client rejects; Node's xhr2 keeps the
// status of the headers instead, so there the client resolves with no bytes ([null]) and we report it. Arguments: <wado base URL> <series|series-raw|frames|bulk> <UIDs…|URI> [frame list].
import xhr2 from 'xhr2';
import dwc from 'dicomweb-client';
import dcmjs from 'dcmjs';
import { createHash } from 'node:crypto';

globalThis.XMLHttpRequest = xhr2;
const [, , base, op, ...args] = process.argv;
const client = new dwc.api.DICOMwebClient({ url: base, singlepart: op === 'bulk-single' ? 'bulkdata' : undefined });
const xhr = new xhr2();
let networkError = false;
xhr.addEventListener('error', () => { networkError = true; });
const request = { instance: xhr };

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
  if (op === 'series' || op === 'series-raw') {
    parts = await client.retrieveSeries({ studyInstanceUID: args[0], seriesInstanceUID: args[1], request });
    dicom = op === 'series';
  } else if (op === 'frames') {
    parts = await client.retrieveInstanceFrames({
      studyInstanceUID: args[0], seriesInstanceUID: args[1], sopInstanceUID: args[2],
      frameNumbers: args[3].split(','), request,
    });
  } else if (op === 'bulk' || op === 'bulk-single') {
    parts = await client.retrieveBulkData({ BulkDataURI: args[0], request });
  } else {
    throw new Error(`unknown operation ${op}`);
  }
  if (networkError) {
    console.log(JSON.stringify({ ok: false, networkError, status: xhr.status, resolvedWith: parts.map((p) => (p ? p.byteLength : null)) }));
  } else {
    console.log(JSON.stringify({ ok: true, networkError, parts: parts.map((p) => describe(p, dicom)) }));
  }
} catch (e) {
  console.log(JSON.stringify({ ok: false, networkError, status: e.status ?? null, error: String(e.message ?? e) }));
}
