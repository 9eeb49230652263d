import { describe, expect, it } from 'vitest';
import type { KObject } from '../../engine/api/types.ts';
import { COLUMNS } from './columns.ts';

const NOW = Date.UTC(2026, 0, 1, 0, 10, 0);
const meta = { name: 'x', creationTimestamp: '2026-01-01T00:00:00Z' };
const cells = (kind: keyof typeof COLUMNS, o: unknown, wide = false): string[] => COLUMNS[kind].cells(o as KObject, NOW, wide);

describe('COLUMNS (printers.go print handlers)', () => {
  it('prints a node whose Ready condition is Unknown as NotReady (printNode), Unknown only without the condition', () => {
    const node = (conditions: unknown[], unschedulable = false) => ({ metadata: meta, spec: { unschedulable }, status: { conditions } });
    expect(cells('Node', node([{ type: 'Ready', status: 'Unknown' }]))[1]).toBe('NotReady');
    expect(cells('Node', node([{ type: 'Ready', status: 'False' }], true))[1]).toBe('NotReady,SchedulingDisabled');
    expect(cells('Node', node([{ type: 'Ready', status: 'True' }]))[1]).toBe('Ready');
    expect(cells('Node', node([{ type: 'MemoryPressure', status: 'False' }]))[1]).toBe('Unknown');
  });

  it('takes the storage class from the beta annotation first (GetPersistentVolumeClaimClass / GetPersistentVolumeClass)', () => {
    const annotations = { 'volume.beta.kubernetes.io/storage-class': 'fast' };
    expect(cells('PersistentVolumeClaim', { metadata: { ...meta, annotations }, spec: { storageClassName: 'standard' }, status: { phase: 'Pending' } })[5]).toBe('fast');
    expect(cells('PersistentVolume', { metadata: { ...meta, annotations }, spec: { storageClassName: 'standard' } })[6]).toBe('fast');
    expect(cells('PersistentVolume', { metadata: meta, spec: { storageClassName: 'standard' } })[6]).toBe('standard');
  });

  it('prints a bound claim without a capacity yet as 0 (the zero Quantity) and an empty VOLUMEATTRIBUTESCLASS as is', () => {
    const c = cells('PersistentVolumeClaim', { metadata: meta, spec: { volumeName: 'pvc-1', volumeAttributesClassName: '' }, status: { phase: 'Pending' } });
    expect(c.slice(1, 7)).toEqual(['Pending', 'pvc-1', '0', '', '', '']);
    expect(cells('PersistentVolume', { metadata: meta, spec: {} })[1]).toBe('0');
  });

  it('names an EndpointSlice port without a number by its name, or * (formatDiscoveryPorts)', () => {
    const slice = (ports: unknown[]) => ({ metadata: meta, addressType: 'IPv4', ports, endpoints: [] });
    expect(cells('EndpointSlice', slice([{ name: 'web' }, {}, { port: 80 }]))[2]).toBe('web,*,80');
    expect(cells('EndpointSlice', slice([]))[2]).toBe('<unset>');
  });

  it('brackets IPv6 endpoint addresses (net.JoinHostPort in formatEndpoints)', () => {
    const ep = { metadata: meta, subsets: [{ addresses: [{ ip: 'fd00::5' }, { ip: '10.0.0.1' }], ports: [{ port: 80 }] }] };
    expect(cells('Endpoints', ep)[1]).toBe('[fd00::5]:80,10.0.0.1:80');
  });
});
