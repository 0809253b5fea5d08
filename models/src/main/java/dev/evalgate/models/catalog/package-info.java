/**
 * Models evalgate can fetch by name, and the downloader that fetches them once, into the cache, and proves each
 * file is the pinned bytes (size and sha256) before anything loads it. Entries whose checksum could not be
 * confirmed stay unpinned and download only with an explicit opt-in.
 */
package dev.evalgate.models.catalog;
