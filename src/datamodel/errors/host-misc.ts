// Errors of the host's plugins, agent, management interface, name and remote
// power-on. Parameter names and orders follow the XenAPI.
import type { ErrorTable } from './table.js';

export const hostMiscErrors = {
  XENAPI_MISSING_PLUGIN: { params: ['name'], doc: 'The requested plug-in could not be found.' },
  XENAPI_PLUGIN_FAILURE: {
    params: ['status', 'stdout', 'stderr'],
    doc: 'There was a failure communicating with the plug-in.',
  },
  UNKNOWN_XENAPI_PLUGIN_FUNCTION: {
    params: ['function'],
    doc: 'The plug-in has no function of that name (raised by plug-ins written with XenAPIPlugin).',
  },
  HOST_NAME_INVALID: { params: ['reason'], doc: 'The server name is invalid.' },
  HOST_POWER_ON_MODE_DISABLED: {
    params: [],
    doc: 'This operation cannot be completed because the server power on mode is disabled.',
  },
  POOL_NOT_IN_EMERGENCY_MODE: { params: [], doc: 'This pool is not in emergency mode.' },
  PIF_HAS_NO_NETWORK_CONFIGURATION: {
    params: ['PIF'],
    doc: "PIF has no IP configuration (mode currently set to 'none').",
  },
  PIF_HAS_NO_V6_NETWORK_CONFIGURATION: {
    params: ['PIF'],
    doc: "PIF has no IPv6 configuration (mode currently set to 'none').",
  },
  PIF_INCOMPATIBLE_PRIMARY_ADDRESS_TYPE: {
    params: ['PIF'],
    doc: 'The primary address types are not compatible.',
  },
  CANNOT_PLUG_BOND_SLAVE: { params: ['PIF'], doc: 'This PIF is a bond member and cannot be plugged.' },
  SLAVE_REQUIRES_MANAGEMENT_INTERFACE: {
    params: [],
    doc: 'The management interface on a supporter cannot be disabled because the supporter would enter emergency mode.',
  },
  VDI_ON_BOOT_MODE_INCOMPATIBLE_WITH_OPERATION: {
    params: [],
    doc: "This operation is not permitted on VDIs in the 'on-boot=reset' mode, or on VMs having such VDIs.",
  },
} as const satisfies ErrorTable;
