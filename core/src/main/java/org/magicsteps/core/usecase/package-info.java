/**
 * The use cases: one final class per action, its ports given to its constructor. Callers (the
 * HTTP adapter, the command line, an embedding application) depend on these classes directly.
 *
 * <p>Several models may be served at once: {@link ServedModels} holds them by name, one of them
 * the default, and every use case that scores or describes takes an optional model name (the
 * default when {@code null}); an unknown name is a {@link NotFoundException} that lists the
 * models served. Each request leases the model it starts with, so {@link LoadModel} can replace
 * a model while it answers; the old one is closed after its last request.
 *
 * <p>Rejections of input surface as {@link org.magicsteps.core.domain.ValidationException}
 * listing every violation; a caller without the right role gets {@link AccessDeniedException}; a
 * model change that cannot be made, {@link ModelRefusedException}.
 */
package org.magicsteps.core.usecase;
