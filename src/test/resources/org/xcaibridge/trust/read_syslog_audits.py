#!/usr/bin/env python3
"""Independent reader of a captured ATNA syslog stream, for the audit tests.

Reads what a test receiver captured and prints one JSON document on stdout:
  tls DIR   -- every DIR/conn-N.raw is one TCP connection's bytes: RFC 5425 octet-counted frames
               (MSG-LEN SP SYSLOG-MSG); a frame cut off by a closed connection is counted as incomplete.
  udp FILE  -- FILE holds datagrams, each as a 4-byte big-endian length and the payload (RFC 5426: one
               SYSLOG-MSG per datagram, no framing).
Each SYSLOG-MSG is split per RFC 5424 (header, structured data, MSG with optional BOM); the MSG is parsed
with xml.etree.ElementTree and summarised. Anything PS3.15 A.5.1 makes mandatory that is missing is listed
under "problems". Only the Python standard library is used.
"""
import base64
import glob
import json
import os
import re
import struct
import sys
import xml.etree.ElementTree as ET

HEADER = re.compile(
    rb'<(\d{1,3})>(\d{1,2}) (\S+) (\S+) (\S+) (\S+) (\S+) (-|(?:\[[^\]]*\])+)(?: (.*))?\Z', re.S)
SD_PARAM = re.compile(rb'(\w+)="((?:[^"\\]|\\.)*)"')
BOM = b'\xef\xbb\xbf'


def octet_counted(data):
    frames, pos = [], 0
    while pos < len(data):
        space = data.find(b' ', pos)
        if space < 0 or not data[pos:space].isdigit():
            return frames, 1
        length = int(data[pos:space])
        end = space + 1 + length
        if end > len(data):
            return frames, 1
        frames.append(data[space + 1:end])
        pos = end
    return frames, 0


def coded(e):
    return None if e is None else {
        'code': e.get('csd-code'), 'system': e.get('codeSystemName'), 'text': e.get('originalText')}


def b64(text):
    return base64.b64decode(text.strip(), validate=True).decode('utf-8')


def summarise(root, problems):
    if root.tag != 'AuditMessage':
        problems.append('root is ' + root.tag)
    ev = root.find('EventIdentification')
    out = {}
    if ev is None:
        problems.append('no EventIdentification')
        return out
    for attr in ('EventDateTime', 'EventOutcomeIndicator'):
        if ev.get(attr) is None:
            problems.append('EventIdentification without ' + attr)
    if ev.find('EventID') is None:
        problems.append('no EventID')
    out['event_id'] = coded(ev.find('EventID'))
    out['action'] = ev.get('EventActionCode')
    out['outcome'] = ev.get('EventOutcomeIndicator')
    out['datetime'] = ev.get('EventDateTime')
    out['type_codes'] = [coded(t) for t in ev.findall('EventTypeCode')]
    out['purposes'] = [coded(t) for t in ev.findall('PurposeOfUse')]
    desc = ev.find('EventOutcomeDescription')
    out['description'] = None if desc is None else desc.text
    participants = root.findall('ActiveParticipant')
    if not participants:
        problems.append('no ActiveParticipant')
    out['participants'] = []
    for p in participants:
        if p.get('UserID') is None or p.get('UserIsRequestor') not in ('true', 'false', '1', '0'):
            problems.append('ActiveParticipant without UserID or UserIsRequestor')
        out['participants'].append({
            'user_id': p.get('UserID'), 'alternative_user_id': p.get('AlternativeUserID'),
            'user_name': p.get('UserName'), 'requestor': p.get('UserIsRequestor'),
            'nap_id': p.get('NetworkAccessPointID'), 'nap_type': p.get('NetworkAccessPointTypeCode'),
            'roles': [coded(r) for r in p.findall('RoleIDCode')]})
    sources = root.findall('AuditSourceIdentification')
    if len(sources) != 1 or sources[0].get('AuditSourceID') is None:
        problems.append('not exactly one AuditSourceIdentification with AuditSourceID')
    else:
        out['source'] = {'id': sources[0].get('AuditSourceID'),
                         'site': sources[0].get('AuditEnterpriseSiteID'),
                         'types': [t.get('csd-code') for t in sources[0].findall('AuditSourceTypeCode')]}
    out['objects'] = []
    for o in root.findall('ParticipantObjectIdentification'):
        id_type = o.find('ParticipantObjectIDTypeCode')
        if o.get('ParticipantObjectID') is None or id_type is None:
            problems.append('ParticipantObjectIdentification without ID or IDTypeCode')
        query = o.find('ParticipantObjectQuery')
        name = o.find('ParticipantObjectName')
        out['objects'].append({
            'id': o.get('ParticipantObjectID'), 'type': o.get('ParticipantObjectTypeCode'),
            'role': o.get('ParticipantObjectTypeCodeRole'), 'id_type': coded(id_type),
            'name': None if name is None else name.text,
            'query': None if query is None else b64(query.text or ''),
            'details': {d.get('type'): b64(d.get('value')) for d in o.findall('ParticipantObjectDetail')}})
    return out


def read_message(raw):
    m = HEADER.match(raw)
    if not m:
        return {'problems': ['not an RFC 5424 message: %r' % raw[:80]]}
    sd = m.group(8)
    params = dict((k.decode(), v.decode()) for k, v in SD_PARAM.findall(sd)) if sd != b'-' else {}
    msg = m.group(9) or b''
    bom = msg.startswith(BOM)
    if bom:
        msg = msg[3:]
    rec = {'pri': int(m.group(1)), 'version': int(m.group(2)), 'timestamp': m.group(3).decode(),
           'host': m.group(4).decode(), 'app': m.group(5).decode(), 'procid': m.group(6).decode(),
           'msgid': m.group(7).decode(), 'sequence_id': int(params['sequenceId']) if 'sequenceId' in params else None,
           'bom': bom, 'problems': []}
    try:
        rec.update(summarise(ET.fromstring(msg), rec['problems']))
    except ET.ParseError as e:
        rec['problems'].append('XML: %s' % e)
    return rec


def main():
    mode, where = sys.argv[1], sys.argv[2]
    messages, incomplete = [], 0
    if mode == 'tls':
        files = sorted(glob.glob(os.path.join(where, 'conn-*.raw')),
                       key=lambda f: int(re.search(r'conn-(\d+)', f).group(1)))
        for f in files:
            with open(f, 'rb') as fh:
                frames, cut = octet_counted(fh.read())
            messages.extend(frames)
            incomplete += cut
    elif mode == 'udp':
        with open(where, 'rb') as fh:
            data = fh.read()
        pos = 0
        while pos < len(data):
            (n,) = struct.unpack('>I', data[pos:pos + 4])
            messages.append(data[pos + 4:pos + 4 + n])
            pos += 4 + n
    else:
        sys.exit('mode must be tls or udp')
    json.dump({'incomplete': incomplete, 'messages': [read_message(m) for m in messages]}, sys.stdout)


if __name__ == '__main__':
    main()
