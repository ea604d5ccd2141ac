/// `/api/openapi.json`: the JSON API as an OpenAPI 3 document (what schemathesis tests against).
enum OpenAPIDocument {
    static let json = #"""
    {
      "openapi": "3.0.3",
      "info": {
        "title": "Setka",
        "version": "1",
        "description": "The local web application of Setka (setka serve): projects (uploaded scenarios and their versions), runs (the profile day, the partner assignment, what-if comparisons) and their files. Listens on 127.0.0.1 only. Requests that change something are refused (403) when their Origin is another site."
      },
      "servers": [{"url": "/"}],
      "paths": {
        "/api/projects": {
          "get": {
            "summary": "Every project, newest first, with its latest version",
            "operationId": "listProjects",
            "responses": {
              "200": {"description": "The projects", "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Project"}}}}}
            }
          },
          "post": {
            "summary": "A new project from an Excel workbook (.xlsx) or a ZIP of a scenario folder",
            "operationId": "createProject",
            "requestBody": {"required": true, "content": {"multipart/form-data": {"schema": {"$ref": "#/components/schemas/Upload"}}}},
            "responses": {
              "201": {"description": "Stored as the project's first version, with the loader's validation (a scenario with errors is stored too: valid is false)", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Created"}}}},
              "400": {"$ref": "#/components/responses/Error"},
              "403": {"$ref": "#/components/responses/Error"},
              "413": {"$ref": "#/components/responses/Error"},
              "415": {"$ref": "#/components/responses/Error"},
              "422": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/api/projects/{id}": {
          "get": {
            "summary": "A project with its versions (newest first) and runs",
            "operationId": "getProject",
            "parameters": [{"$ref": "#/components/parameters/id"}],
            "responses": {
              "200": {"description": "The project", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Project"}}}},
              "404": {"$ref": "#/components/responses/Error"}
            }
          },
          "delete": {
            "summary": "Delete a project with all its versions, runs and what-if variants, and their files (an example that comes with Setka is not deleted)",
            "operationId": "deleteProject",
            "parameters": [{"$ref": "#/components/parameters/id"}],
            "responses": {
              "200": {"description": "Deleted", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Deleted"}}}},
              "403": {"$ref": "#/components/responses/Error"},
              "404": {"$ref": "#/components/responses/Error"},
              "409": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/api/projects/{id}/versions": {
          "post": {
            "summary": "The next version of a project from a corrected workbook or ZIP (nothing earlier is overwritten)",
            "operationId": "addVersion",
            "parameters": [{"$ref": "#/components/parameters/id"}],
            "requestBody": {"required": true, "content": {"multipart/form-data": {"schema": {"$ref": "#/components/schemas/Upload"}}}},
            "responses": {
              "201": {"description": "Stored as the next version", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Created"}}}},
              "400": {"$ref": "#/components/responses/Error"},
              "403": {"$ref": "#/components/responses/Error"},
              "404": {"$ref": "#/components/responses/Error"},
              "413": {"$ref": "#/components/responses/Error"},
              "415": {"$ref": "#/components/responses/Error"},
              "422": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/api/projects/{id}/runs": {
          "post": {
            "summary": "Start a job in the background (queued when every core is busy)",
            "operationId": "startRun",
            "parameters": [{"$ref": "#/components/parameters/id"}],
            "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/RunRequest"}}}},
            "responses": {
              "202": {"description": "Queued", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Started"}}}},
              "400": {"$ref": "#/components/responses/Error"},
              "403": {"$ref": "#/components/responses/Error"},
              "404": {"$ref": "#/components/responses/Error"},
              "415": {"$ref": "#/components/responses/Error"},
              "422": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/api/projects/{id}/check": {
          "post": {
            "summary": "Check a timetable made elsewhere against a version (every hard rule, the objective recomputed); with import, one that keeps every rule becomes a profile-day run",
            "operationId": "checkTimetable",
            "parameters": [{"$ref": "#/components/parameters/id"}],
            "requestBody": {"required": true, "content": {"multipart/form-data": {"schema": {"$ref": "#/components/schemas/TimetableUpload"}}}},
            "responses": {
              "200": {"description": "Checked (valid or not: see valid, violations, errors)", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Check"}}}},
              "202": {"description": "Valid, and queued as a run of the project (import)", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Check"}}}},
              "400": {"$ref": "#/components/responses/Error"},
              "403": {"$ref": "#/components/responses/Error"},
              "404": {"$ref": "#/components/responses/Error"},
              "413": {"$ref": "#/components/responses/Error"},
              "415": {"$ref": "#/components/responses/Error"},
              "422": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/api/runs/{id}": {
          "get": {
            "summary": "A run: status, live progress, key figures (its summary.json) and the path of its page",
            "operationId": "getRun",
            "parameters": [{"$ref": "#/components/parameters/id"}],
            "responses": {
              "200": {"description": "The run", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Run"}}}},
              "404": {"$ref": "#/components/responses/Error"}
            }
          },
          "delete": {
            "summary": "Cancel a run: a queued run is dropped; a running one stops and keeps the best verified result found so far. With remove=true: delete an ended run and its files instead (409 while it is queued or running, or while a run that starts from it is)",
            "operationId": "cancelRun",
            "parameters": [{"$ref": "#/components/parameters/id"},
              {"name": "remove", "in": "query", "required": false, "description": "true: delete the ended run and its files", "schema": {"type": "boolean", "default": false}}],
            "responses": {
              "200": {"description": "Cancelled before it started, or (remove=true) deleted", "content": {"application/json": {"schema": {"oneOf": [{"$ref": "#/components/schemas/Started"}, {"$ref": "#/components/schemas/Deleted"}]}}}},
              "400": {"$ref": "#/components/responses/Error"},
              "202": {"description": "Asked to stop; it ends as cancelled with its best result within seconds", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Started"}}}},
              "403": {"$ref": "#/components/responses/Error"},
              "404": {"$ref": "#/components/responses/Error"},
              "409": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/api/runs/{id}/files": {
          "get": {
            "summary": "The files of a run (what setka schedule/partner/compare/effect/meetings/advise --out write, the reports, csv.zip)",
            "operationId": "listRunFiles",
            "parameters": [{"$ref": "#/components/parameters/id"}],
            "responses": {
              "200": {"description": "The files", "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/File"}}}}},
              "404": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/api/runs/{id}/files/{name}": {
          "get": {
            "summary": "One file of a run (sections.csv, enrolments.csv, summary.json, report.html, report.xlsx, map.svg, csv.zip, ...)",
            "operationId": "getRunFile",
            "parameters": [
              {"$ref": "#/components/parameters/id"},
              {"name": "name", "in": "path", "required": true, "schema": {"type": "string"}}
            ],
            "responses": {
              "200": {"description": "The file as the command line writes it", "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}},
              "404": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/api/runs/{id}/events": {
          "get": {
            "summary": "Server-Sent Events: a progress event every second while the run is queued or running, then an end event",
            "operationId": "runEvents",
            "parameters": [{"$ref": "#/components/parameters/id"}],
            "responses": {
              "200": {"description": "text/event-stream: `event: progress` with {status, status_text, progress, phase_text, position}; `event: end` with {status}", "content": {"text/event-stream": {"schema": {"type": "string"}}}},
              "404": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/api/openapi.json": {
          "get": {
            "summary": "This document",
            "operationId": "openapi",
            "responses": {"200": {"description": "OpenAPI 3", "content": {"application/json": {"schema": {"type": "object"}}}}}
          }
        }
      },
      "components": {
        "parameters": {
          "id": {"name": "id", "in": "path", "required": true, "description": "An id the server made (12 letters and digits)", "schema": {"type": "string"}}
        },
        "responses": {
          "Error": {"description": "Refused, with the reason", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
        },
        "schemas": {
          "Error": {"type": "object", "required": ["error"], "properties": {"error": {"type": "string"}}},
          "Upload": {"type": "object", "required": ["file"], "properties": {"file": {"type": "string", "format": "binary", "description": "An .xlsx workbook or a .zip of a scenario folder, at most 50 MB"}}},
          "Finding": {
            "type": "object", "required": ["message"],
            "properties": {
              "message": {"type": "string", "description": "the finding in English"},
              "messageRu": {"type": "string", "nullable": true, "description": "the finding in Russian"},
              "location": {"type": "string", "nullable": true, "description": "file:line:column, or book.xlsx[sheet]!C17"},
              "file": {"type": "string", "nullable": true},
              "line": {"type": "integer", "nullable": true},
              "column": {"type": "integer", "nullable": true},
              "field": {"type": "string", "nullable": true, "description": "the column name when the finding is about one cell"},
              "sheet": {"type": "string", "nullable": true, "description": "the workbook's sheet"},
              "cell": {"type": "string", "nullable": true, "description": "the workbook's cell, e.g. C17"}
            }
          },
          "Facts": {
            "type": "object",
            "properties": {
              "name": {"type": "string"}, "language": {"type": "string"}, "organisations": {"type": "integer"},
              "students": {"type": "integer"}, "teachers": {"type": "integer"}, "courses": {"type": "integer"},
              "rooms": {"type": "integer"}, "slots": {"type": "integer"}, "partnerRules": {"type": "integer"}
            }
          },
          "Validation": {
            "type": "object", "required": ["valid", "errors", "warnings"],
            "properties": {
              "valid": {"type": "boolean"},
              "errors": {"type": "array", "items": {"$ref": "#/components/schemas/Finding"}},
              "warnings": {"type": "array", "items": {"$ref": "#/components/schemas/Finding"}},
              "facts": {"$ref": "#/components/schemas/Facts"},
              "changes": {"type": "array", "items": {"type": "string"}}
            }
          },
          "Version": {
            "type": "object", "required": ["id", "number", "created", "file", "kind", "valid", "validation"],
            "properties": {
              "id": {"type": "string"}, "number": {"type": "integer"}, "created": {"type": "string", "format": "date-time"},
              "file": {"type": "string", "description": "the uploaded file's name (shown only)"},
              "kind": {"type": "string", "enum": ["xlsx", "zip", "folder"]},
              "valid": {"type": "boolean"}, "validation": {"$ref": "#/components/schemas/Validation"}
            }
          },
          "Project": {
            "type": "object", "required": ["id", "name", "created"],
            "properties": {
              "id": {"type": "string"}, "name": {"type": "string"}, "created": {"type": "string", "format": "date-time"},
              "example": {"type": "string", "nullable": true, "description": "the bundled example it was made from"},
              "latest_version": {"$ref": "#/components/schemas/Version"},
              "versions": {"type": "array", "items": {"$ref": "#/components/schemas/Version"}},
              "runs": {"type": "array", "items": {"$ref": "#/components/schemas/Run"}}
            }
          },
          "TimetableUpload": {
            "type": "object",
            "properties": {
              "sections": {"type": "string", "format": "binary", "description": "sections.csv as setka schedule writes it"},
              "enrolments": {"type": "string", "format": "binary", "description": "enrolments.csv"},
              "workbook": {"type": "string", "format": "binary", "description": "or one .xlsx with the sheets sections/Группы and enrolments/Записи"},
              "version": {"type": "string", "description": "the version to check against (default: the newest)"},
              "import": {"type": "string", "enum": ["on", "true", "false"], "description": "keep a valid timetable as a run of the project (true or on; false, or left out, only checks)"}
            }
          },
          "Check": {
            "type": "object", "required": ["valid", "version", "files", "violations", "errors", "warnings"],
            "properties": {
              "valid": {"type": "boolean"},
              "version": {"type": "string"},
              "files": {"type": "array", "items": {"type": "string"}},
              "objective": {"type": "number", "nullable": true},
              "violations": {"type": "array", "items": {"type": "object", "required": ["rule", "kind", "message", "message_ru"],
                "properties": {"rule": {"type": "string"}, "kind": {"type": "string"}, "message": {"type": "string"}, "message_ru": {"type": "string"}}}},
              "errors": {"type": "array", "items": {"$ref": "#/components/schemas/Finding"}},
              "warnings": {"type": "array", "items": {"$ref": "#/components/schemas/Finding"}},
              "run": {"type": "string", "nullable": true, "description": "the run it became (import)"},
              "page": {"type": "string", "nullable": true}
            }
          },
          "Created": {
            "type": "object", "required": ["id", "version", "validation"],
            "properties": {"id": {"type": "string", "description": "the project"}, "version": {"type": "string"}, "validation": {"$ref": "#/components/schemas/Validation"}}
          },
          "RunRequest": {
            "type": "object", "required": ["job"], "additionalProperties": false,
            "properties": {
              "job": {"type": "string", "enum": ["schedule", "partner", "compare", "effect", "meetings", "advise"]},
              "time_limit": {"type": "number", "minimum": 1, "maximum": 3600, "default": 60, "description": "seconds for the whole run"},
              "version": {"type": "string", "description": "the version to run (default: the newest)"},
              "keep": {"type": "string", "description": "schedule, compare: a finished profile-day run of this project to stay close to (stable re-planning)"},
              "variants": {"type": "array", "items": {"type": "string"}, "description": "compare: the variants to set beside the base"},
              "from": {"type": "string", "description": "advise: the finished profile-day run of this project whose timetable is advised on"}
            }
          },
          "Deleted": {
            "type": "object", "required": ["id", "deleted"],
            "properties": {"id": {"type": "string"}, "deleted": {"type": "boolean"}}
          },
          "Started": {
            "type": "object", "required": ["id", "status"],
            "properties": {"id": {"type": "string"}, "status": {"type": "string"}, "page": {"type": "string"}}
          },
          "Progress": {
            "type": "object", "required": ["phase", "elapsed"],
            "properties": {
              "phase": {"type": "string"}, "best": {"type": "number", "nullable": true}, "bound": {"type": "number", "nullable": true},
              "gap": {"type": "number", "nullable": true, "description": "(bound - best) / |bound|"},
              "elapsed": {"type": "number", "description": "seconds since the run started"}, "steps": {"type": "integer", "nullable": true}
            }
          },
          "Run": {
            "type": "object", "required": ["id", "project", "version", "job", "status", "time_limit", "created", "page", "files"],
            "properties": {
              "id": {"type": "string"}, "project": {"type": "string"}, "version": {"type": "string"},
              "job": {"type": "string", "enum": ["schedule", "partner", "compare", "effect", "meetings", "advise"]},
              "status": {"type": "string", "enum": ["queued", "running", "done", "failed", "cancelled", "interrupted"]},
              "time_limit": {"type": "number"},
              "created": {"type": "string", "format": "date-time"},
              "started": {"type": "string", "format": "date-time", "nullable": true},
              "ended": {"type": "string", "format": "date-time", "nullable": true},
              "progress": {"$ref": "#/components/schemas/Progress"},
              "summary": {"type": "object", "nullable": true, "description": "the run's summary.json (comparison.json for a comparison); only in GET /api/runs/{id}"},
              "objective": {"type": "number", "nullable": true, "description": "the result's objective"},
              "message": {"type": "string", "nullable": true},
              "queue_position": {"type": "integer", "nullable": true},
              "page": {"type": "string", "description": "the path of the run's HTML page"},
              "files": {"type": "string", "description": "the path of the list of its files"}
            }
          },
          "File": {
            "type": "object", "required": ["name", "bytes", "type"],
            "properties": {"name": {"type": "string"}, "bytes": {"type": "integer"}, "type": {"type": "string"}}
          }
        }
      }
    }
    """#
}
