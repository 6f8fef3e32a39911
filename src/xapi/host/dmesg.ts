// host.dmesg: the hypervisor's message log. Here the hypervisor is the Linux
// kernel (KVM), so this is the kernel ring buffer as `dmesg` prints it.
import { execFile } from 'node:child_process';
import { apiError } from '../../datamodel/api-error.js';

export function readKernelLog(command = 'dmesg'): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, [], { timeout: 10_000, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) {
        const why = String(stderr).trim() || err.message;
        reject(apiError('INTERNAL_ERROR', { message: `reading the kernel log failed: ${why}` }));
      } else resolve(stdout);
    });
  });
}
