/**
 * An AWS SDK client per endpoint setting: reused across calls (kept-alive connections on
 * Lambda), and a new one when the setting changes (tests point it at another stand-in mid-run).
 * The endpoint itself comes from the SDK's own settings (`AWS_ENDPOINT_URL_SES` and the like),
 * so no code path exists only for the local stack.
 */
export const clientPerEndpoint = <C>(endpointVariable: string, create: () => C): (() => C) => {
  const clients = new Map<string, C>();
  return () => {
    const endpoint = process.env[endpointVariable] ?? '';
    let client = clients.get(endpoint);
    if (!client) {
      client = create();
      clients.set(endpoint, client);
    }
    return client;
  };
};
