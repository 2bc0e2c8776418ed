/**
 * The use cases: one final class per action, its ports given to its constructor. Callers (the
 * HTTP adapter, the command line, an embedding application) depend on these classes directly.
 *
 * <p>Rejections of input surface as {@link org.magicsteps.core.domain.ValidationException}
 * listing every violation; a caller without the right role gets {@link AccessDeniedException}.
 */
package org.magicsteps.core.usecase;
