"""Reads a multipart/related HTTP answer with Python's own MIME parser (the email package, as the Python
DICOMweb client does) and prints one JSON line: {"ok": true, "contentType": ..., "parts": [{length, sha256,
contentType, transferSyntax, contentLocation}]} or {"ok": false, "error": ...} when the transfer breaks.
Usage: multipart_parts.py URL [ACCEPT]"""
import email.parser
import email.policy
import hashlib
import http.client
import json
import sys
import urllib.request

url = sys.argv[1]
accept = sys.argv[2] if len(sys.argv) > 2 else 'multipart/related; type="application/dicom"'
try:
    with urllib.request.urlopen(urllib.request.Request(url, headers={'Accept': accept}), timeout=60) as r:
        body = r.read()
        content_type = r.headers['Content-Type']
except (http.client.IncompleteRead, ConnectionError, OSError) as e:
    print(json.dumps({'ok': False, 'error': type(e).__name__ + ': ' + str(e)}))
    sys.exit(0)

message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
    b'Content-Type: ' + content_type.encode('ascii') + b'\r\n\r\n' + body)
parts = []
for part in message.iter_parts():
    payload = part.get_payload(decode=True)
    parts.append({
        'length': len(payload),
        'sha256': hashlib.sha256(payload).hexdigest(),
        'contentType': part.get_content_type(),
        'transferSyntax': part.get_param('transfer-syntax'),
        'contentLocation': part['Content-Location'],
    })
print(json.dumps({'ok': True, 'multipart': message.is_multipart(), 'defects': [str(d) for d in message.defects],
                  'contentType': content_type, 'parts': parts}))
