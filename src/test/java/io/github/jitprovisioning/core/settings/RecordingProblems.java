package io.github.jitprovisioning.core.settings;

import java.util.ArrayList;
import java.util.List;

/** Records reported configuration problems as {@code where|key|value|applied}. */
public final class RecordingProblems implements ConfigProblems {

    public final List<String> reports = new ArrayList<>();

    @Override
    public void unknownValue(String where, String key, String value, String applied) {
        reports.add(where + "|" + key + "|" + value + "|" + applied);
    }
}
