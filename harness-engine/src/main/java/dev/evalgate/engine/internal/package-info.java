/**
 * The engine's machinery: the runner, the run directory's reader and writer, loaders, renderers and helpers.
 * Nothing here is API; it may change in any release. Front ends and plugins use the types marked {@code @API} in
 * {@code dev.evalgate.engine} and its feature packages instead.
 */
package dev.evalgate.engine.internal;
