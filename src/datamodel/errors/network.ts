// Errors of networks and VIF port locking. Parameter names follow the XenAPI.
import type { ErrorTable } from './table.js';

export const networkErrors = {
  INVALID_IP_ADDRESS_SPECIFIED: {
    params: ['parameter'],
    doc: 'A required parameter contained an invalid IP address.',
  },
  INVALID_CIDR_ADDRESS_SPECIFIED: {
    params: ['parameter'],
    doc: 'A required parameter contained an invalid CIDR address (<addr>/<prefix length>).',
  },
  ADDRESS_VIOLATES_LOCKING_CONSTRAINT: {
    params: ['address'],
    doc: 'The IP address is not among those the locked VIF may use.',
  },
  VIF_IN_USE: { params: ['network', 'VIF'], doc: 'The network has attached VIFs.' },
  NETWORK_UNMANAGED: { params: ['network'], doc: 'The network is not managed by the toolstack.' },
  NETWORK_INCOMPATIBLE_PURPOSES: {
    params: ['new_purpose', 'conflicting_purpose'],
    doc: 'The new purpose conflicts with a purpose of this or another network.',
  },
  HOST_CANNOT_ATTACH_NETWORK: { params: ['host', 'network'], doc: 'The host cannot attach the network.' },
} as const satisfies ErrorTable;
