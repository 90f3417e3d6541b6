/**
 * The durable store on H2's MVStore (key-value B-trees in one append-mostly file; no SQL).
 *
 * <p>{@link org.ferrymq.broker.store.h2.H2MessageStore} is the entry point. Its parts:
 * <ul>
 *   <li>{@code StoreFile} opens the file, moves an unreadable one aside as
 *       {@code *.corrupt-<timestamp>}, and ({@code TornCommitCheck}) tells the operator when MVStore
 *       fell back to an older commit;</li>
 *   <li>{@code StoreMaps} names the maps; {@code DefinitionCodec} and {@code MessageCodec} are the
 *       versioned binary records ({@code RecordOutput}/{@code RecordInput});</li>
 *   <li>{@code StoreWriter} is the single writer thread doing group commit (apply a batch, commit,
 *       one fsync, then complete the batch's futures) and idle-time compaction;</li>
 *   <li>{@code StoreRepair} makes a just-opened store consistent and rebuilds the in-memory
 *       reference counts ({@code LongCounts}); {@code MessageRecovery} streams queue contents at
 *       start-up with a merge join over the entries and messages maps.</li>
 * </ul>
 */
package org.ferrymq.broker.store.h2;
