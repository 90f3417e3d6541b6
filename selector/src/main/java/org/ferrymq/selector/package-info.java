/**
 * Jakarta Messaging 3.1 message selectors (spec section 3.8.1), shared by the broker (which filters
 * queues) and the JMS provider (which filters client-side, e.g. against plain RabbitMQ). No
 * dependencies.
 *
 * <h2>Use</h2>
 * {@link org.ferrymq.selector.Selector#parse(String)} compiles a selector once (or throws
 * {@link org.ferrymq.selector.SelectorSyntaxException} with a position and reason; the JMS layer maps
 * it to {@code InvalidSelectorException}); {@link org.ferrymq.selector.Selector#matches} evaluates it
 * against a {@link org.ferrymq.selector.SelectorContext} supplied by the caller, and
 * {@link org.ferrymq.selector.Selector#referencedIdentifiers()} says which headers and properties it
 * reads. {@link org.ferrymq.selector.SelectableHeaders} names the six selectable header fields.
 *
 * <h2>How it is built</h2>
 * A hand-written {@code Lexer} (with {@code NumberScanner} for Java numeric literal syntax) feeds a
 * recursive-descent {@code Parser} that builds a tree of small immutable nodes, one class per
 * operator. Conditions evaluate to a three-valued {@code Truth} enum, so matching allocates nothing
 * except boxed results of arithmetic. LIKE uses a hand-written wildcard matcher, not regex.
 *
 * <h2>Semantic decisions where the spec leaves room</h2>
 * <ul>
 *   <li>Rejected at parse time (the spec allows semantic checks): arithmetic on strings or booleans,
 *       ordering ({@code < <= > >=}) of strings or booleans, AND/OR/NOT on non-conditions, comparing
 *       literals of unlike types, a selector that is not a condition, and header fields used against
 *       their type ({@code JMSPriority = 'high'}, {@code JMSMessageID BETWEEN 1 AND 10}).</li>
 *   <li>At runtime, comparing values of unlike types is FALSE (spec wording), NULL is UNKNOWN.
 *       IN and LIKE on a non-string are FALSE and their NOT forms TRUE (IN is defined as an OR of
 *       equalities); NOT BETWEEN on a non-number is FALSE (defined as {@code < OR >}).</li>
 *   <li>Arithmetic on a non-number, and integer division by zero, are UNKNOWN; overflow wraps as in Java.</li>
 *   <li>Exact literals are int when they fit, else long (the whole long range, no L needed); hex,
 *       octal, binary, underscores, F/D suffixes and hex floats follow Java.</li>
 *   <li>The operand of IN, LIKE and IS NULL may be any expression (spec: an identifier), as in other
 *       providers. In LIKE patterns the escape character makes any following character literal.</li>
 *   <li>Keywords match ASCII spellings only, case-insensitively; identifiers are case-sensitive.</li>
 *   <li>Nesting is bounded (parentheses/NOT/signs 256 levels, tree depth 1000) so hostile selectors are
 *       rejected instead of overflowing the stack; AND/OR chains are flat, so generated selectors with
 *       thousands of terms are fine.</li>
 * </ul>
 */
package org.ferrymq.selector;
