// host messages of the toolstack itself and of the machine's housekeeping:
// plug-ins, the agent, the management interface, memory figures, logs,
// the host name, syslog, debug keys, status reports and remote power-on.
import { call, param, t } from '../build.js';
import type { MessageDecl } from '../types.js';

const host = (doc: string) => param('host', t.ref('host'), doc);

export const hostMiscMessages: readonly MessageDecl[] = [
  call('call_plugin', {
    params: [
      host('The host'),
      param('plugin', t.string, 'The name of the plugin'),
      param('fn', t.string, 'The name of the function within the plugin'),
      param('args', t.smap, 'Arguments for the function'),
    ],
    result: t.string,
    resultDoc: 'Result from the plugin',
    errors: ['HOST_OFFLINE', 'XENAPI_MISSING_PLUGIN', 'XENAPI_PLUGIN_FAILURE'],
    role: 'pool-admin',
    async: true,
    doc:
      "Run a function of an executable plug-in from the host's plug-in directory, as xapi does: the " +
      'plug-in gets an XML-RPC methodCall (session, argument struct) as its one argument and writes an ' +
      'XML-RPC methodResponse on stdout.',
  }),
  call('restart_agent', {
    params: [host('The Host on which you want to restart the agent')],
    errors: ['HOST_OFFLINE'],
    role: 'pool-operator',
    async: true,
    doc:
      'Restart the toolstack (xapi) after a short pause, having answered first. Operations in progress are ' +
      'aborted; VMs keep running.',
  }),
  call('shutdown_agent', {
    role: 'pool-operator',
    doc:
      'Stop the toolstack (xapi) after a short pause, having answered first; the supervisor does not start ' +
      'it again. VMs keep running.',
  }),
  call('management_reconfigure', {
    params: [
      param('pif', t.ref('PIF'), 'reference to a PIF object corresponding to the management interface'),
    ],
    errors: [
      'HOST_OFFLINE',
      'HA_IS_ENABLED',
      'CANNOT_PLUG_BOND_SLAVE',
      'PIF_HAS_NO_NETWORK_CONFIGURATION',
      'PIF_HAS_NO_V6_NETWORK_CONFIGURATION',
      'PIF_INCOMPATIBLE_PRIMARY_ADDRESS_TYPE',
    ],
    role: 'pool-operator',
    async: true,
    doc:
      "Make the PIF the host's management interface: the host's address becomes the PIF's and the network " +
      'listeners move to it.',
  }),
  call('local_management_reconfigure', {
    params: [param('interface', t.string, 'name of the interface to use as a management interface')],
    errors: ['POOL_NOT_IN_EMERGENCY_MODE', 'INVALID_VALUE'],
    role: 'pool-operator',
    doc: 'Change the management interface by device name; only in emergency mode, when management_reconfigure cannot be used.',
  }),
  call('management_disable', {
    errors: ['HA_IS_ENABLED', 'SLAVE_REQUIRES_MANAGEMENT_INTERFACE'],
    role: 'pool-operator',
    doc: 'Stop serving on the management interface: the network listeners move to the loopback address.',
  }),
  call('get_management_interface', {
    params: [host("Which host's management interface is required")],
    result: t.ref('PIF'),
    resultDoc: 'The management interface for the host',
    role: 'pool-operator',
    async: true,
    doc: "The host's management PIF.",
  }),
  call('compute_free_memory', {
    params: [host('The host to send the request to')],
    result: t.int,
    resultDoc: 'the amount of free memory on the host.',
    role: 'read-only',
    async: true,
    doc: "Bytes of host memory a new VM could be given: the host's free memory less what resident VMs may still claim.",
  }),
  call('compute_memory_overhead', {
    params: [host('The host for which to compute the memory overhead')],
    result: t.int,
    resultDoc: 'the virtualization memory overhead of the host.',
    role: 'read-only',
    async: true,
    doc: 'Bytes of memory the virtualisation layer uses on the host.',
  }),
  call('get_log', {
    params: [host('The Host to query')],
    errors: ['NOT_IMPLEMENTED'],
    result: t.string,
    resultDoc: "The contents of the host's primary log file",
    role: 'read-only',
    async: true,
    doc: 'Not implemented, as in xapi: fails with NOT_IMPLEMENTED.',
  }),
  call('sync_data', {
    params: [host('The host to whom the data should be sent')],
    errors: ['HOST_OFFLINE'],
    role: 'pool-admin',
    doc: "Bring the host's copies of the non-database data (RRDs) up to date: they are written to disk now.",
  }),
  call('backup_rrds', {
    params: [
      host('Schedule a backup of the RRDs of this host'),
      param('delay', t.float, 'Delay in seconds from when the call is received to perform the backup'),
    ],
    errors: ['HOST_OFFLINE', 'INVALID_VALUE'],
    role: 'pool-admin',
    doc: "Write the host's RRDs to disk after the given delay; the call answers at once.",
  }),
  call('set_hostname_live', {
    params: [host('The host whose host name to set'), param('hostname', t.string, 'The new host name')],
    errors: ['HOST_OFFLINE', 'HOST_NAME_INVALID'],
    role: 'pool-operator',
    doc:
      "Set the host's name. The record changes; the machine's own host name is changed only when the " +
      'toolstack is told it manages it (XAPI_TS_MANAGE_HOSTNAME=1).',
  }),
  call('syslog_reconfigure', {
    params: [host('Tell the host to reread its Host.logging parameters and reconfigure itself accordingly')],
    errors: ['HOST_OFFLINE', 'INVALID_VALUE'],
    role: 'pool-operator',
    async: true,
    doc: "Apply host.logging:syslog_destination (empty: local only) to the toolstack's log forwarding.",
  }),
  call('dmesg_clear', {
    params: [host('The Host to query')],
    errors: ['NOT_IMPLEMENTED'],
    result: t.string,
    resultDoc: 'dmesg string',
    role: 'pool-operator',
    async: true,
    doc: 'Not implemented, as in xapi: fails with NOT_IMPLEMENTED.',
  }),
  call('send_debug_keys', {
    params: [host('The host'), param('keys', t.string, 'The keys to send')],
    errors: ['NOT_IMPLEMENTED'],
    role: 'pool-admin',
    async: true,
    doc: 'Send debug keys to the hypervisor. These hosts have no Xen hypervisor: fails with NOT_IMPLEMENTED.',
  }),
  call('get_system_status_capabilities', {
    params: [host('The host to interrogate')],
    result: t.string,
    resultDoc: 'An XML fragment containing the system status capabilities.',
    errors: ['HOST_OFFLINE'],
    role: 'read-only',
    doc: 'What a status report of the host can contain, in the XML of xen-bugtool --capabilities.',
  }),
  call('get_uncooperative_resident_VMs', {
    params: [param('self', t.ref('host'), 'The host to query')],
    result: t.set(t.ref('VM')),
    resultDoc: 'VMs which are not co-operating',
    role: 'read-only',
    async: true,
    hidden: true,
    doc: 'Deprecated; always empty, as in xapi.',
  }),
  call('bugreport_upload', {
    params: [
      host('The host on which to run xen-bugtool'),
      param('url', t.string, 'The URL to upload to'),
      param('options', t.smap, 'Extra configuration operations'),
    ],
    errors: ['HOST_OFFLINE', 'INVALID_VALUE'],
    role: 'pool-operator',
    async: true,
    doc: "Run the host's bug-report upload command (host-bugreport-upload) with the URL and proxy in its environment.",
  }),
  call('set_power_on_mode', {
    params: [
      param('self', t.ref('host'), 'The host'),
      param('power_on_mode', t.string, 'power-on-mode can be empty, wake-on-lan, DRAC or other'),
      param('power_on_config', t.smap, 'Power on config'),
    ],
    role: 'pool-operator',
    async: true,
    doc:
      'Set how the host is powered on remotely and its settings. Secrets named by the old settings ' +
      '(keys ending in password_secret) are destroyed.',
  }),
  call('power_on', {
    params: [host('The Host to power on')],
    errors: [
      'HOST_IS_LIVE',
      'HOST_POWER_ON_MODE_DISABLED',
      'XENAPI_MISSING_PLUGIN',
      'XENAPI_PLUGIN_FAILURE',
      'OTHER_OPERATION_IN_PROGRESS',
    ],
    role: 'pool-operator',
    async: true,
    doc:
      'Power on a host that is down, with the power-on-host plug-in (function main, argument ' +
      'remote_host_uuid), which must answer True.',
  }),
];
