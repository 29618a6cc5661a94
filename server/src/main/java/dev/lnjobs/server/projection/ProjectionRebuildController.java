package dev.lnjobs.server.projection;

import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** The read models rebuilt from the event store on demand; guarded by ADMIN_TOKEN like every /api/admin route. */
@RestController
class ProjectionRebuildController {

    private final LiveProjectionRebuild rebuild;

    ProjectionRebuildController(LiveProjectionRebuild rebuild) {
        this.rebuild = rebuild;
    }

    @Operation(summary = "Admin: drop every read model and replay the event store into every projection",
            description = "Needs Authorization: Bearer <ADMIN_TOKEN> (401 otherwise; 404 while ADMIN_TOKEN is "
                    + "unset). One transaction: the read-model tables are locked (reads and the commands that "
                    + "write them wait), emptied and refilled from every event committed so far; the streaming "
                    + "projections then go on after the last event replayed. Answers the events replayed, the rows "
                    + "of each table afterwards, the segments of each streaming projection and the time taken.")
    @PostMapping(path = "/api/admin/projections/rebuild", produces = MediaType.APPLICATION_JSON_VALUE)
    ProjectionRebuild.Result rebuild() {
        return rebuild.rebuild();
    }
}
