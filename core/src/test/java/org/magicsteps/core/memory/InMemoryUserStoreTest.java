package org.magicsteps.core.memory;

import org.magicsteps.core.port.UserStore;
import org.magicsteps.core.port.contract.UserStoreContract;

class InMemoryUserStoreTest extends UserStoreContract {

    @Override
    protected UserStore newStore() {
        return new InMemoryUserStore();
    }
}
