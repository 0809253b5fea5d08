/**
 * The inference cache, which doubles as cassettes a team commits.
 *
 * <p>{@link dev.evalgate.engine.cache.CachingModelClient} sits in front of any {@code ModelClient} and keys each
 * request by {@link dev.evalgate.engine.cache.InferenceKey}: backend, model fingerprint (GGUF sha256, Ollama
 * digest), sampling parameters and seed, system prompt and every message. A changed prompt, parameter or model
 * misses; the call's timeout and trace id are not part of the key. Served completions are marked
 * {@code cached}, so the run counts them apart from model calls.
 *
 * <p>{@link dev.evalgate.engine.cache.InferenceStore} keeps one pretty-printed JSON file per request,
 * {@code ab/cd/abcd...json} by the key's sha256, holding the full request and the completion, so a committed store
 * shows in review exactly which prompts changed. Files are written to a temporary name and renamed into place, so
 * concurrent writers and readers never see half an entry.
 *
 * <p>Modes ({@link dev.evalgate.engine.cache.CacheMode}): {@code readwrite} serves hits and records misses (rerun
 * an unchanged bundle without model calls); {@code record} calls the model every time and rewrites entries;
 * {@code replay} never calls the model and fails each request that has no entry with a message naming the file
 * it looked for, which lets CI prove without a single model call that no prompt changed without re-recording;
 * {@code off}. Completions cut short by a timeout are never stored.
 *
 * <p>{@link dev.evalgate.engine.cache.CassetteBackends} notes in {@code models.json} which model served each model
 * reference while recording, so replay opens no backend for a recorded reference: no model file, no download, no
 * Ollama server.
 */
package dev.evalgate.engine.cache;
