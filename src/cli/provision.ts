// vm-install's choice of SR: a template lists the disks to create in
// other_config:disks as `<provision><disk device="0" size="…" sr="…"
// bootable="true" type="system"/></provision>`; xe points every disk at the
// SR the user named (or the pool's default SR) before provisioning.
import { SaxesParser } from 'saxes';
import { CliFailure } from './errors.js';

function escapeAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
}

/** The provisioning document with the `sr` attribute of every `<disk>` set to `srUuid`. */
export function rewriteProvisionSr(xml: string, srUuid: string): string {
  const parser = new SaxesParser();
  let out = '';
  let open: { name: string; attrs: string } | undefined;
  const flush = (selfClosing: boolean) => {
    if (!open) return;
    out += `<${open.name}${open.attrs}${selfClosing ? '/>' : '>'}`;
    open = undefined;
  };
  parser.on('opentag', (tag) => {
    flush(false);
    const attrs = { ...(tag.attributes as Record<string, string>) };
    if (tag.name === 'disk') attrs['sr'] = srUuid;
    open = {
      name: tag.name,
      attrs: Object.entries(attrs)
        .map(([k, v]) => ` ${k}="${escapeAttr(v)}"`)
        .join(''),
    };
  });
  parser.on('closetag', (tag) => {
    if (open && open.name === tag.name) flush(true);
    else out += `</${tag.name}>`;
  });
  parser.on('text', (t) => {
    if (t.trim() === '') return;
    flush(false);
    out += t.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  });
  try {
    parser.write(xml).close();
  } catch (e) {
    throw new CliFailure(
      `The template's disk list could not be read: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
  return out;
}
