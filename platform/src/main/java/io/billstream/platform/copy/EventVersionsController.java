package io.billstream.platform.copy;

import io.billstream.platform.security.Caller;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Every service answers the services that follow its topics how far each subject's events have gone. For platform
 * services only; not part of the merchant API, so not in its documents.
 */
@RestController
@Hidden
class EventVersionsController {

    static final String PATH = "/internal/v1/event-versions";

    private final EventVersions versions;

    EventVersionsController(EventVersions versions) {
        this.versions = versions;
    }

    /** One billing run batch of subjects at most. */
    record Question(
            @NotBlank String topic,
            @NotNull @Size(max = 500) List<UUID> subjects) {}

    /** The subjects this service has published events of; an unknown one is left out. */
    record Answer(String topic, List<SubjectVersion> subjects) {}

    @PostMapping(PATH)
    Answer versions(@Valid @RequestBody Question question, Caller caller) {
        caller.requirePlatformService();
        return new Answer(question.topic(), versions.of(question.topic(), question.subjects()));
    }
}
