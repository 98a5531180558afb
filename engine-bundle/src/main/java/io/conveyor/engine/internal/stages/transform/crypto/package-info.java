/**
 * transform.encrypt and transform.decrypt: AES-GCM through the JDK, one random IV per value, the
 * value's type sealed with it so decryption restores it.
 */
package io.conveyor.engine.internal.stages.transform.crypto;
