// Drives the bridge the way OHIF's DICOMweb data source does, with the JS dicomweb-client and dcmjs, and reports
// what it got as one JSON line on stdout. Arguments: <DICOMweb base URL> <PatientID>.
// 1. study search for the patient (OHIF's prior-studies query), then the study list with nothing typed;
// 2. series search of each study with OHIF's includefield list; 3. series metadata, naturalized by dcmjs;
// 4. frame 1 of every instance (Accept transfer-syntax=*, as cornerstone asks); 5. the Pixel Data BulkDataURI.
import xhr2 from 'xhr2';
import dwc from 'dicomweb-client';
import dcmjs from 'dcmjs';
import { createHash } from 'node:crypto';

globalThis.XMLHttpRequest = xhr2;
const [, , base, patientId] = process.argv;
const client = new dwc.api.DICOMwebClient({ url: base });
const anyTs = [{ mediaType: 'application/octet-stream', transferSyntaxUID: '*' }];
const sha = (buf) => createHash('sha256').update(new Uint8Array(buf)).digest('hex');
const studyList = { limit: 101, offset: 0, fuzzymatching: false, includefield: '00081030,00080060,00080090,00100030' };
const out = { ok: true, studies: [], listed: [] };

try {
  const found = await client.searchForStudies({ queryParams: { ...studyList, '00100020': patientId } });
  const listed = await client.searchForStudies({ queryParams: studyList });
  out.listed = listed.map((s) => dcmjs.data.DicomMetaDictionary.naturalizeDataset(s).StudyInstanceUID);
  for (const s of found) {
    const study = dcmjs.data.DicomMetaDictionary.naturalizeDataset(s);
    const st = { uid: study.StudyInstanceUID, patientId: study.PatientID, modalities: study.ModalitiesInStudy ?? null,
      retrieveURL: study.RetrieveURL ?? null, series: [] };
    const series = await client.searchForSeries({ studyInstanceUID: st.uid,
      queryParams: { includefield: '00080021,00080031,0008103E,00200011' } });
    for (const se of series.map((x) => dcmjs.data.DicomMetaDictionary.naturalizeDataset(x))) {
      const sr = { uid: se.SeriesInstanceUID, modality: se.Modality ?? null, number: se.SeriesNumber ?? null,
        hasDescription: 'SeriesDescription' in se, instances: [] };
      const metadata = await client.retrieveSeriesMetadata({ studyInstanceUID: st.uid, seriesInstanceUID: sr.uid });
      for (const m of metadata) {
        const i = dcmjs.data.DicomMetaDictionary.naturalizeDataset(m);
        const inst = { sop: i.SOPInstanceUID, rows: i.Rows ?? null, columns: i.Columns ?? null,
          frames: Number(i.NumberOfFrames ?? 1), ts: i.AvailableTransferSyntaxUID ?? null };
        if (i.Rows && i.PixelData && i.PixelData.BulkDataURI) {
          const frames = await client.retrieveInstanceFrames({ studyInstanceUID: st.uid, seriesInstanceUID: sr.uid,
            sopInstanceUID: inst.sop, frameNumbers: [1], mediaTypes: anyTs });
          inst.frame1 = { length: frames[0].byteLength, sha256: sha(frames[0]) };
          const bulk = await client.retrieveBulkData({ BulkDataURI: i.PixelData.BulkDataURI, mediaTypes: anyTs });
          inst.pixelData = bulk.map((b) => ({ length: b.byteLength, sha256: sha(b) }));
        }
        sr.instances.push(inst);
      }
      st.series.push(sr);
    }
    out.studies.push(st);
  }
} catch (e) {
  out.ok = false;
  out.status = e.status ?? null;
  out.error = String(e.message ?? e);
}
console.log(JSON.stringify(out));
