import {
  BUCKETS,
  InvalidAgencyCodeError,
  InvalidNodeIdError,
  directoryKeys,
  encodeNodeStatus,
  parseNodeStatus,
  statusKeys,
  documentKey,
  parseDirectoryKey,
  trackingDocumentFilter,
  trackingKey,
  trackingSenderFilter,
} from '@lienthong/core';

// NATS KV keys: tokens of [-/_=a-zA-Z0-9] separated by dots.
const KV_KEY = /^[-/_=a-zA-Z0-9]+(\.[-/_=a-zA-Z0-9]+)*$/;
const DOC = '000.00.00.G22,2026/11/23,12/VPCP-TTĐT';

describe('KV buckets and keys', () => {
  it('names the buckets', () => {
    expect(BUCKETS).toEqual({ tracking: 'lt_tracking', directory: 'lt_directory', status: 'lt_status' });
  });

  it('keys lt_status by node id; a value outside the contract is not a status', () => {
    expect(statusKeys.node('h41-yenthanh')).toBe('node.h41-yenthanh');
    expect(() => statusKeys.node('H41 x')).toThrow();
    const ok = { node: 'h41', overdue: 3, atMs: 1_765_000_000_000 };
    expect(parseNodeStatus(encodeNodeStatus(ok))).toEqual(ok);
    const bytes = (v: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(v));
    for (const bad of [
      { ...ok, node: 'H41 x' },
      { ...ok, overdue: -1 },
      { ...ok, overdue: 1.5 },
      { ...ok, overdue: '3' },
      { ...ok, atMs: undefined },
      null,
      [ok],
    ])
      expect(parseNodeStatus(bytes(bad))).toBeUndefined();
    expect(parseNodeStatus(new TextEncoder().encode('{not json'))).toBeUndefined();
  });

  it('keys the directory by node id and agency token', () => {
    expect(directoryKeys.node('h41-yenthanh')).toBe('node.h41-yenthanh');
    expect(directoryKeys.agency('000.00.00.H41')).toBe('agency.000_00_00_H41');
    expect(() => directoryKeys.node('H41')).toThrow(InvalidNodeIdError);
    expect(() => directoryKeys.agency('000.00.00.H4*')).toThrow(InvalidAgencyCodeError);
    expect(parseDirectoryKey('node.h41')).toEqual({ kind: 'node', id: 'h41' });
    expect(parseDirectoryKey('agency.000_00_00_H41')).toEqual({ kind: 'agency', code: '000.00.00.H41' });
    expect(directoryKeys.closed('000.00.45.H41')).toBe('closed.000_00_45_H41');
    expect(parseDirectoryKey('closed.000_00_45_H41')).toEqual({ kind: 'closed', code: '000.00.45.H41' });
    for (const bad of [
      'node.H41',
      'node.h41.x',
      'agency.000.00.00.H41',
      'agency.bad',
      'closed.bad',
      'closed.000_00_45_H41.x',
      'other.h41',
      'node',
      '',
    ]) {
      expect(parseDirectoryKey(bad)).toBeUndefined();
    }
  });

  it('keys a tracking record by sender, document and recipient', () => {
    const key = trackingKey('000.00.00.G22', DOC, '000.00.00.H41');
    expect(key).toBe(`000_00_00_G22.${documentKey(DOC)}.000_00_00_H41`);
    expect(key).toMatch(KV_KEY);
    expect(trackingDocumentFilter('000.00.00.G22', DOC)).toBe(`000_00_00_G22.${documentKey(DOC)}.*`);
    expect(trackingSenderFilter('000.00.00.G22')).toBe('000_00_00_G22.>');
    expect(() => trackingKey('000.00.00.G22', DOC, '>')).toThrow(InvalidAgencyCodeError);
    expect(() => trackingKey('000.00.00.G22', '', '000.00.00.H41')).toThrow(
      'documentId must be a non-empty string',
    );
  });
});
