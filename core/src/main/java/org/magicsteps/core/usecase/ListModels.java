package org.magicsteps.core.usecase;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Every model served, described: the default first, then the others by name. */
public final class ListModels {

    private final DescribeModel describeModel;

    /** Lists the models {@code describeModel} describes. */
    public ListModels(DescribeModel describeModel) {
        this.describeModel = Objects.requireNonNull(describeModel, "describeModel");
    }

    public List<DescribeModel.ModelDescription> execute() {
        List<DescribeModel.ModelDescription> descriptions = new ArrayList<>();
        for (String name : describeModel.models().names()) {
            try {
                descriptions.add(describeModel.execute(name));
            } catch (NotFoundException withdrawnMeanwhile) {
                // An admin withdrew it between the listing and its description: it is not served any more.
            }
        }
        return descriptions;
    }
}
