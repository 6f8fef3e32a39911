// The `xen-api` package ships no types; the tests describe what they use.
declare module 'xen-api' {
  export function createClient(opts: {
    url: string;
    auth: { user: string; password: string };
    transport?: 'auto' | 'json-rpc' | 'xml-rpc';
    watchEvents?: boolean | string[];
    allowUnauthorized?: boolean;
  }): unknown;
}
