package org.magicsteps.core.memory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.magicsteps.core.domain.StudentRow;
import org.magicsteps.core.port.RowSource;
import org.magicsteps.core.port.contract.RowSourceContract;

class InMemoryRowSourceTest extends RowSourceContract {

    @Override
    protected RowSource sourceOf(List<String> studentIds) {
        List<StudentRow> rows = new ArrayList<>();
        for (int i = 0; i < studentIds.size(); i++) {
            rows.add(new StudentRow(i + 2, studentIds.get(i), Map.of("score_ipv", (double) i), List.of()));
        }
        return new InMemoryRowSource("memory", "canonical names", rows);
    }
}
