package org.xcaibridge.studies;

/**
 * One frame of an instance, as stored (PS3.18 §10.4.1.1.7): its pixel bytes (one native frame, or the
 * compressed bitstream of one encapsulated frame) and the transfer syntax they are in.
 *
 * @param number            1-based
 * @param transferSyntaxUid the instance's stored syntax
 * @param numberOfFrames    how many the instance has
 */
public record Frame(int number, byte[] bytes, String transferSyntaxUid, int numberOfFrames) {}
