/**
 * The {@code http} backend: evaluates the service a team ships (retrieval, tools and post-processing in front of a
 * model) rather than a bare prompt. A bundle names it as {@code model: http:service.yaml}; the file, relative to the
 * bundle, holds the request template (URL, method, headers, JSON body with {@code {{variables}}}), where the
 * output is in the answer (JSON Pointer or a one-value JSONPath), token counts if the service reports them, a
 * timeout and a bound on calls in flight; see {@link dev.evalgate.models.http.ServiceDefinition}. Headers under
 * {@code secret_headers} take their values from environment variables when the client opens; the values go only
 * into request headers and are masked in every message (a service echoing them in an error page included), and
 * the service's fingerprint hashes the variables' names, never their values. Retries, timeouts and the inference
 * cache work as for the other backends: the runner retries transient failures (connection errors, 408/425/429/5xx,
 * waiting for {@code Retry-After}) and every call ends at its deadline. Only the JDK's HTTP client is used.
 */
package dev.evalgate.models.http;
