/**
 * What the HTTP backends share: a bound on calls in flight per server, a per-call deadline that also ends a stream
 * stalled halfway, {@code Retry-After} parsing, and server text made safe for messages (one line, capped, secrets
 * masked). Only the JDK's HTTP client is used here.
 */
package dev.evalgate.models.endpoint;
