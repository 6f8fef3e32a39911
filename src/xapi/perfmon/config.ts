// other_config:perfmon, read as xapi's perfmon reads it: a <config> of
// <variable>s, each with a <name value=…/> and optional rrd_regex,
// consolidation_fn, alarm_trigger_level, alarm_trigger_period,
// alarm_auto_inhibit_period, alarm_trigger_sense and alarm_priority, whose
// defaults depend on the kind of object (VM, host, SR) and the variable's
// name, as perfmon's. Pure.
import { attr, elementsByName, parseXml, prettyXml, type XmlElement } from './xml.js';

export type MonitorKind = 'VM' | 'Host' | 'SR';

/** perfmon's consolidation functions that work on the RRD values. */
export type Consolidation = 'sum' | 'average' | 'max' | 'get_percent_sr_usage';

/**
 * perfmon's other consolidation functions read dom0 itself (df, /proc/meminfo)
 * and ignore the RRD values; they are refused here as configuration errors.
 */
const DOM0_FUNCTIONS = new Set(['get_percent_fs_usage', 'get_percent_log_fs_usage', 'get_percent_mem_usage']);

export interface VariableConfig {
  readonly name: string;
  /** Matches the names of the object's data sources that feed the variable. */
  readonly rrdRegex: RegExp;
  readonly consolidation: Consolidation;
  readonly triggerLevel: number;
  /** Seconds the level must be bad before an alarm. */
  readonly triggerPeriodS: number;
  /** Seconds after an alarm during which no other is raised. */
  readonly autoInhibitPeriodS: number;
  /** high: bad above the level; low: bad below it. */
  readonly sense: 'high' | 'low';
  readonly priority: number;
  /** The <variable> element as perfmon shows it in the alarm body (and compares configurations by). */
  readonly xml: string;
}

export interface PerfmonConfig {
  readonly variables: readonly VariableConfig[];
  /** One line per variable refused (perfmon logs these and goes on). */
  readonly errors: readonly string[];
}

type Tag =
  | 'rrd_regex'
  | 'consolidation_fn'
  | 'alarm_trigger_level'
  | 'alarm_trigger_period'
  | 'alarm_auto_inhibit_period'
  | 'alarm_trigger_sense'
  | 'alarm_priority';

class ConfigError extends Error {}

const DUMMY = '_$_DUMMY__'; // perfmon's regex that matches nothing

function vmDefault(name: string, tag: Tag): string {
  switch (tag) {
    case 'consolidation_fn':
      if (name === 'cpu_usage') return 'average';
      if (name === 'fs_usage') return 'get_percent_fs_usage';
      if (name === 'log_fs_usage') return 'get_percent_log_fs_usage';
      if (name === 'mem_usage') return 'get_percent_mem_usage';
      return 'sum';
    case 'rrd_regex':
      if (name === 'cpu_usage') return 'cpu[0-9]+';
      if (name === 'network_usage') return 'vif_[0-9]+_[rt]x';
      if (name === 'disk_usage') return 'vbd_(xvd|hd)[a-z]+_(read|write)';
      if (name === 'fs_usage' || name === 'log_fs_usage' || name === 'mem_usage') return DUMMY;
      if (name === 'memory_internal_free') return name;
      throw new ConfigError(`variable ${name}: no default rrd_regex - please specify one`);
    case 'alarm_trigger_level':
      if (name === 'fs_usage' || name === 'log_fs_usage') return '0.9';
      if (name === 'mem_usage') return '0.95';
      throw new ConfigError(`variable ${name}: no default alarm_trigger_level - please specify one`);
    case 'alarm_trigger_sense':
      return name === 'memory_internal_free' ? 'low' : 'high';
    default:
      return commonDefault(name, tag);
  }
}

function hostDefault(name: string, tag: Tag): string {
  switch (tag) {
    case 'consolidation_fn':
      return name === 'cpu_usage' ? 'average' : 'sum';
    case 'rrd_regex':
      if (name === 'cpu_usage') return 'cpu[0-9]+';
      if (name === 'network_usage') return 'pif_eth[0-9]+_[rt]x';
      if (name === 'memory_free_kib') return name;
      if (/^sr_io_throughput_total_[0-9a-f]{8}$/.test(name)) return name.slice(3);
      throw new ConfigError(`variable ${name}: no default rrd_regex - please specify one`);
    case 'alarm_trigger_sense':
      return name === 'memory_free_kib' ? 'low' : 'high';
    default:
      return commonDefault(name, tag);
  }
}

function srDefault(name: string, tag: Tag): string {
  switch (tag) {
    case 'consolidation_fn':
      return name === 'physical_utilisation' ? 'get_percent_sr_usage' : 'sum';
    case 'rrd_regex':
      if (name === 'physical_utilisation') return 'physical_utilisation|size';
      // for the hosts' RRDs, which perfmon's host monitor reads
      if (name === 'sr_io_throughput_total_per_host') return DUMMY;
      throw new ConfigError(`variable ${name}: no default rrd_regex - please specify one`);
    case 'alarm_trigger_level':
      if (name === 'physical_utilisation') return '0.8';
      throw new ConfigError(`variable ${name}: no default alarm_trigger_level - please specify one`);
    case 'alarm_trigger_sense':
      return 'high';
    default:
      return commonDefault(name, tag);
  }
}

function commonDefault(name: string, tag: Tag): string {
  if (tag === 'alarm_trigger_period') return '60';
  if (tag === 'alarm_auto_inhibit_period') return '3600';
  if (tag === 'alarm_priority') return '3';
  throw new ConfigError(`variable ${name}: no default available for tag ${tag}`);
}

const DEFAULTS: Readonly<Record<MonitorKind, (name: string, tag: Tag) => string>> = {
  VM: vmDefault,
  Host: hostDefault,
  SR: srDefault,
};

/** Python's int(): optional sign and surrounding blanks, decimal digits. */
function pyInt(s: string): number | undefined {
  const m = /^\s*([+-]?\d+)\s*$/.exec(s);
  return m ? Number(m[1]) : undefined;
}

/** Python's float(): decimal or exponent forms, inf and nan. */
function pyFloat(s: string): number | undefined {
  const t = s.trim().toLowerCase();
  if (/^[+-]?(inf|infinity)$/.test(t)) return t.startsWith('-') ? -Infinity : Infinity;
  if (/^[+-]?nan$/.test(t)) return NaN;
  return /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/.test(t) ? Number(t) : undefined;
}

function variable(kind: MonitorKind, node: XmlElement): VariableConfig {
  const nameNode = elementsByName(node, 'name')[0];
  if (!nameNode) throw new ConfigError("variable missing 'name' tag");
  const name = attr(nameNode, 'value') ?? '';
  const value = (tag: Tag): string => {
    const el = elementsByName(node, tag)[0];
    return el ? (attr(el, 'value') ?? '') : DEFAULTS[kind](name, tag);
  };
  const regex = value('rrd_regex');
  let rrdRegex: RegExp;
  try {
    rrdRegex = new RegExp(`^${regex}$`);
  } catch {
    throw new ConfigError(`variable ${name}: regex ${regex} does not compile`);
  }
  const fn = value('consolidation_fn');
  if (DOM0_FUNCTIONS.has(fn))
    throw new ConfigError(
      `variable ${name}: consolidation function ${fn} reads dom0 and is not supported here`,
    );
  if (fn !== 'sum' && fn !== 'average' && fn !== 'max' && fn !== 'get_percent_sr_usage')
    throw new ConfigError(`variable ${name}: consolidation function ${fn} not supported`);
  const period = value('alarm_trigger_period');
  const triggerPeriodS = pyInt(period);
  if (triggerPeriodS === undefined)
    throw new ConfigError(`variable ${name}: alarm_trigger_period ${period} not an int`);
  const inhibit = value('alarm_auto_inhibit_period');
  const autoInhibitPeriodS = pyInt(inhibit);
  if (autoInhibitPeriodS === undefined)
    throw new ConfigError(`variable ${name}: alarm_auto_inhibit_period ${inhibit} not an int`);
  const level = value('alarm_trigger_level');
  const triggerLevel = pyFloat(level);
  if (triggerLevel === undefined)
    throw new ConfigError(`variable ${name}: alarm_trigger_level ${level} not a float`);
  // perfmon passes the text on to message.create, whose priority is an int
  const prio = value('alarm_priority');
  const priority = pyInt(prio);
  if (priority === undefined || priority < 1)
    throw new ConfigError(`variable ${name}: alarm_priority ${prio} not a positive int`);
  return {
    name,
    rrdRegex,
    consolidation: fn,
    triggerLevel,
    triggerPeriodS,
    autoInhibitPeriodS,
    // anything but "high" is low, as in perfmon
    sense: value('alarm_trigger_sense') === 'high' ? 'high' : 'low',
    priority,
    xml: prettyXml(node),
  };
}

/** Read one object's other_config:perfmon. */
export function parsePerfmonConfig(kind: MonitorKind, text: string): PerfmonConfig {
  let root: XmlElement;
  try {
    root = parseXml(text);
  } catch (e) {
    return { variables: [], errors: [`XML parse error: ${(e as Error).message}`] };
  }
  const variables: VariableConfig[] = [];
  const errors: string[] = [];
  for (const node of elementsByName(root, 'variable')) {
    try {
      const v = variable(kind, node);
      // one variable per name: a later one replaces an earlier one, as perfmon keeps the last
      const same = variables.findIndex((x) => x.name === v.name);
      if (same >= 0) variables.splice(same, 1);
      variables.push(v);
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      errors.push(e.message);
    }
  }
  return { variables, errors };
}
