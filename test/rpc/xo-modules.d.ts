// Types for the parts of Xen Orchestra's xen-api client (and its XML/XML-RPC
// helpers) that the codec tests use to check what XO makes of our output.
declare module '@vates/xml/parse' {
  export function parseXml(
    xml: string,
    opts?: { normalize?: boolean; strict?: boolean; trim?: boolean },
  ): unknown;
}
declare module '@vates/xml/format' {
  export function formatXml(node: unknown, opts?: { indent?: number }): string;
}
declare module '@vates/xml-rpc/parser' {
  export const xmlRpcParser: {
    parse(node: unknown): { params?: unknown[]; fault?: unknown };
    parse_value(node: unknown): unknown;
  };
}
declare module '@vates/xml-rpc/formatter' {
  export const xmlRpcFormatter: { format_methodCall(call: { methodName: string; params: unknown }): unknown };
}
declare module 'xen-api/transports/_prepareXmlRpcParams.mjs' {
  export default function prepare(params: unknown): unknown;
}
declare module 'xen-api/_getTaskResult.mjs' {
  export default function getTaskResult(task: {
    status: string;
    result?: string;
    error_info?: string[];
  }): Promise<unknown>;
}
