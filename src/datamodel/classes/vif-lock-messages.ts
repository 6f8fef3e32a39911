// VIF messages of port locking (which traffic a VIF may send), of moving a
// VIF to another network, and of the static addresses stored for the guest agent.
import { call, param, t } from '../build.js';
import type { MessageDecl } from '../types.js';

const self = (doc: string) => param('self', t.ref('VIF'), doc);
const address = (doc: string) => param('value', t.string, doc);
const addresses = (doc: string) => param('value', t.set(t.string), doc);
const LOCK_ERRORS = ['INVALID_IP_ADDRESS_SPECIFIED'] as const;

function allowed(v: 'ipv4' | 'ipv6'): MessageDecl[] {
  const V = v === 'ipv4' ? 'IPv4' : 'IPv6';
  return [
    call(`set_${v}_allowed`, {
      params: [
        self('The VIF which the IP addresses will be associated with.'),
        addresses('The IP addresses (or CIDR ranges) the VIF may use.'),
      ],
      errors: [...LOCK_ERRORS],
      role: 'pool-operator',
      async: true,
      doc: `Set the ${V} addresses to which traffic on this VIF is restricted when it is locked; applied at once to a plugged VIF.`,
    }),
    call(`add_${v}_allowed`, {
      params: [
        self('The VIF which the IP address will be associated with.'),
        address('The IP address (or CIDR range).'),
      ],
      errors: [...LOCK_ERRORS],
      role: 'pool-operator',
      async: true,
      doc: `Associate an ${V} address with this VIF; applied at once to a plugged VIF.`,
    }),
    call(`remove_${v}_allowed`, {
      params: [self('The VIF from which the IP address will be removed.'), address('The IP address.')],
      role: 'pool-operator',
      async: true,
      doc: `Remove an ${V} address from this VIF (if present); applied at once to a plugged VIF.`,
    }),
  ];
}

function configure(v: 'ipv4' | 'ipv6'): MessageDecl {
  const V = v === 'ipv4' ? 'IPv4' : 'IPv6';
  return call(`configure_${v}`, {
    params: [
      self('The VIF to configure.'),
      param('mode', t.enum(`vif_${v}_configuration_mode`), `Whether to use static or no ${V} assignment.`),
      param('address', t.string, `The ${V} address in <addr>/<prefix length> format (for static mode only).`),
      param('gateway', t.string, `The ${V} gateway (for static mode only; empty for none).`),
    ],
    errors: [
      'INVALID_CIDR_ADDRESS_SPECIFIED',
      'INVALID_IP_ADDRESS_SPECIFIED',
      'ADDRESS_VIOLATES_LOCKING_CONSTRAINT',
      'VM_LACKS_FEATURE',
    ],
    role: 'vm-operator',
    async: true,
    doc: `Configure ${V} settings for this VIF. They are stored (${v}_configuration_mode, ${v}_addresses, ${v}_gateway) and handed to the guest agent, which sets them in the guest: the toolstack never sets them itself; the guest must announce feature-static-ip-setting.`,
  });
}

export const vifLockMessages: readonly MessageDecl[] = [
  call('set_locking_mode', {
    params: [
      self('The VIF whose locking mode will be set.'),
      param('value', t.enum('vif_locking_mode'), 'The new locking mode.'),
    ],
    role: 'pool-operator',
    async: true,
    doc: "Set the locking mode of this VIF; a plugged VIF's traffic filter changes at once.",
  }),
  ...allowed('ipv4'),
  ...allowed('ipv6'),
  call('move', {
    params: [self('The VIF to move.'), param('network', t.ref('network'), 'The network to move it to.')],
    errors: ['HOST_CANNOT_ATTACH_NETWORK'],
    role: 'vm-admin',
    async: true,
    doc: "Move the VIF to another network, even while the VM is running (the host side of the NIC changes bridge; the guest's NIC stays).",
  }),
  configure('ipv4'),
  configure('ipv6'),
];
