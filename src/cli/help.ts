// `xe help`, `xe help <command>`, `xe help --all` and the bash completion
// script, all generated from the command table (itself derived from the
// datamodel for the per-class commands).
import type { Command, Ctx } from './command.js';

const SELECTOR_INFO: Readonly<Record<string, string>> = {
  vm: "VMs can be specified by filtering the full list of VMs on the values of zero or more fields. For example, specifying 'uuid=<some_uuid>' will select only the VM with that uuid, and 'power-state=halted' will select only VMs whose 'power-state' field is equal to 'halted'. The special pseudo-field 'vm' matches either of name-label or uuid. Where multiple VMs are matching, the option '--multiple' must be specified to perform the operation. The full list of fields that can be matched can be obtained by the command 'xe vm-list params=all'. If no parameters to select VMs are given, the operation will be performed on all VMs.",
  host: "Hosts can be specified by filtering the full list of hosts on the values of zero or more fields. The special pseudo-field 'host' matches either of name-label or uuid. Where multiple hosts are matching, the option '--multiple' must be specified to perform the operation. The full list of fields that can be matched can be obtained by the command 'xe host-list params=all'.",
  sr: "SRs can be specified by filtering the full list of SRs on the values of zero or more fields. The special pseudo-field 'sr' matches either of name-label or uuid. Where multiple SRs are matching, the option '--multiple' must be specified to perform the operation. The full list of fields that can be matched can be obtained by the command 'xe sr-list params=all'.",
};

const SELECTORS: Readonly<Record<string, string>> = {
  vm: '<vm-selectors>',
  host: '<host-selectors>',
  sr: '<sr-selectors>',
};

export function usage(argv0 = 'xe'): string {
  return `Usage:
  ${argv0} <command>
    [ -s <server> ]            xapi-ts host (default: the local Unix socket)
    [ -p <port> ]              xapi-ts port number (default 8080)
    [ -u <username> -pw <password> | -pwf <password file> ]
                               User authentication (password or file)
    [ --json ]                 Print results as JSON
    [ <other arguments> ... ]  Command-specific options

To get help on a specific command:
  ${argv0} help <command>

`;
}

/** Command names in lines of at most ~78 columns, as xe lays them out. */
export function wrapNames(names: readonly string[]): string[] {
  if (names.length === 0) return ['    '];
  const lines: string[] = [];
  let cur = `    ${names[0]}`;
  for (const n of names.slice(1)) {
    if (cur.length + n.length > 74) {
      lines.push(cur);
      cur = `    ${n}`;
    } else cur += `, ${n}`;
  }
  lines.push(cur);
  return lines;
}

function commandHelp(ctx: Ctx, cmd: Command | undefined, name: string): void {
  if (!cmd) {
    ctx.out.list([`Unknown command '${name}'`]);
    return;
  }
  const optional = [...cmd.optn, ...(cmd.selectors ? [SELECTORS[cmd.selectors] as string] : [])];
  const desc = cmd.help + (cmd.selectors ? (SELECTOR_INFO[cmd.selectors] as string) : '');
  const cell = (title: string, text: string, key: string) => ({ name: key, title, text, json: text });
  ctx.out.table([
    [
      cell('command name        ', cmd.name, 'command-name'),
      cell('reqd params     ', cmd.reqd.join(', '), 'reqd-params'),
      cell('optional params ', optional.join(', '), 'optional-params'),
      cell('description     ', desc, 'description'),
    ],
  ]);
}

export function helpCommand(table: () => ReadonlyMap<string, Command>): Command {
  return {
    name: 'help',
    reqd: [],
    optn: ['all'],
    help: 'Displays help on xe commands.',
    offline: true,
    async run(ctx) {
      const cmds = table();
      const asked = ctx.params
        .keys()
        .filter((k) => !['server', 'username', 'password', 'port', 'minimal', 'all', 'json'].includes(k));
      if (asked.length) {
        for (const n of asked) commandHelp(ctx, cmds.get(n), n);
        return;
      }
      const names = [...cmds.keys()].filter((n) => n !== 'bash-completion').sort();
      if (ctx.params.bool('all')) {
        if (ctx.out.mode !== 'normal') return ctx.out.list(names);
        const host = names.filter((n) => n.startsWith('host-'));
        const vm = names.filter((n) => n.startsWith('vm-'));
        const other = names.filter((n) => !n.startsWith('host-') && !n.startsWith('vm-'));
        ctx.out.list([`${usage()}Full command list\n-----------------\n`]);
        ctx.out.list([...wrapNames(host), '    ', ...wrapNames(vm), '    ', ...wrapNames(other)]);
        return;
      }
      const std = names.filter((n) => cmds.get(n)?.standard);
      if (ctx.out.mode !== 'normal') return ctx.out.list(std);
      ctx.out.list([
        `${usage()}To get a full listing of commands:\n  xe help --all\n\nCommon command list\n-------------------\n`,
      ]);
      ctx.out.list(wrapNames(std));
    },
  };
}

function shellWords(ws: readonly string[]): string {
  return ws.map((w) => w.replace(/[^A-Za-z0-9_:.<>=-]/g, '')).join(' ');
}

/** A bash completion script for the command table: `source <(xe bash-completion)`. */
export function bashCompletion(cmds: readonly Command[]): string {
  const cases = cmds
    .map((c) => {
      const ps = [...c.reqd, ...c.optn, ...(c.selectors ? [c.selectors] : [])].map((p) =>
        p.endsWith(':') || p.endsWith('=') ? p : `${p}=`,
      );
      return `    ${c.name}) echo ${JSON.stringify(shellWords(ps))} ;;`;
    })
    .join('\n');
  return `# bash completion for xe (xapi-ts), generated from the datamodel and command table.
_xe_params() {
  case "$1" in
${cases}
  esac
}
_xe_class_of() {
  # the xe class whose objects a parameter names
  case "$1" in
    uuid) local c="$2"
      case "$c" in *-param-*) c="\${c%-param-*}" ;; *-list) c="\${c%-list}" ;; *) c="\${c%%-*}" ;; esac
      echo "$c" ;;
    vm|host|sr|network|vdi|vbd|vif|pool|task) echo "$1" ;;
    *-uuid) echo "\${1%-uuid}" ;;
  esac
}
_xe() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}"
  if [[ $COMP_CWORD -eq 1 ]]; then
    COMPREPLY=( $(compgen -W "$(_xe_commands)" -- "$cur") )
    return 0
  fi
  local cmd="\${COMP_WORDS[1]}" param=""
  # '=' splits words for readline: "vm=fo" arrives as "vm" "=" "fo".
  if [[ "$prev" == "=" ]]; then param="\${COMP_WORDS[COMP_CWORD-2]}"; elif [[ "$cur" == "=" ]]; then param="$prev"; cur=""; fi
  if [[ -n "$param" ]]; then
    local cls; cls="$(_xe_class_of "$param" "$cmd")"
    if [[ -n "$cls" ]]; then
      local field=uuid; [[ "$param" != uuid && "$param" != *-uuid ]] && field=name-label
      local IFS=$'\\n'
      COMPREPLY=( $(compgen -W "$(xe "$cls-list" params="$field" --minimal 2>/dev/null | tr ',' '\\n')" -- "$cur") )
    fi
    return 0
  fi
  COMPREPLY=( $(compgen -W "$(_xe_params "$cmd")" -- "$cur") )
  compopt -o nospace 2>/dev/null
  return 0
}
_xe_commands() {
  echo ${JSON.stringify(shellWords(cmds.map((c) => c.name)))}
}
complete -F _xe xe
`;
}
