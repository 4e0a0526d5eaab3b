"""Generate ``schemas/*.schema.json`` (JSON Schema 2020-12, one per record kind).

The schemas share definitions (ids, dates, kronor); writing them from one Python source keeps
those definitions identical across files. Edit here, run ``python tools/make_schemas.py``,
and commit the regenerated JSON (the files under ``schemas/`` are what ships and what editors
read).
"""
# ruff: noqa: E501
import json, pathlib
OUT = pathlib.Path(__file__).resolve().parents[1] / 'schemas'
BASE = "https://shvo.example.org/schemas/"
DATE = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$", "format": "date",
        "description": "ISO 8601 calendar date, YYYY-MM-DD."}
SLUG = {"type": "string", "pattern": r"^[a-z0-9]+(-[a-z0-9]+)*$",
        "description": "Lower-case id of letters, digits and single hyphens, stable once used."}
BODY = {"type": "string", "pattern": r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$",
        "description": "Id of a body in the organisation record (VVG, SITIV, GITS, REF, DVS, AG-UTV …)."}
TEXT = {"type": "string", "minLength": 1}
REQ_ID = {"type": "string", "pattern": r"^REQ-[0-9]{4}-[0-9A-HJKMNP-TV-Z]{4,8}$",
          "description": "Request id: REQ-, the year, and 4–8 characters of Crockford base32 (shvo request new makes 6 random ones, so ids made on two branches cannot collide)."}
DEC_ID = {"type": "string", "pattern": r"^DEC-[0-9]{4}-[0-9A-HJKMNP-TV-Z]{4,8}$",
          "description": "Decision id: DEC-, the year, and 4–8 characters of Crockford base32."}
YEAR = {"type": "integer", "minimum": 2000, "maximum": 2100}
KRONOR = {"type": "integer", "minimum": 0, "description": "Whole kronor, never negative, never a fraction."}
EMAIL = {"type": "string", "pattern": r"^[^@\s]+@[^@\s]+\.[^@\s]+$", "description": "Work e-mail address."}
SCOPE = {"enum": ["within-plan", "next-year", "beyond-plan"],
         "description": "within-plan (6.3.1), next-year (6.3.2) or beyond-plan (anchored with VVG and SITIV)."}
CATEGORY = {"enum": ["maintenance", "sustaining-development", "new-development"],
            "description": "4.1 vidmakthållande, 4.2 vidareutveckling nödvändig för vidmakthållande, 4.3 nyutveckling."}

def obj(props, required=(), title=None, description=None, **kw):
    o = {"type": "object"}
    if title: o["title"] = title
    if description: o["description"] = description
    o["properties"] = props
    if required: o["required"] = list(required)
    o["additionalProperties"] = False
    o.update(kw)
    return o

def arr(items, **kw):
    return {"type": "array", "items": items, **kw}

def doc(kind, title, description, props, required):
    s = obj({"kind": {"const": kind, "description": f"Always '{kind}': tells shvo and editors which schema applies."}, **props},
            ("kind", *required), title=title, description=description)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": BASE + f"{kind}.schema.json", **s}

schemas = {}
schemas["organisation"] = doc("organisation", "SHVO organisation",
  "Bodies of the collaboration (their ids are the roles used in the process, history and decisions) and the people who act for them.",
  {"bodies": arr(obj({
      "id": BODY, "name": TEXT,
      "type": {"enum": ["steering-group", "financier", "executor", "reference-group", "subregional",
                         "working-group", "administration", "supplier", "party"]},
      "parent": BODY, "description": TEXT,
      "subregions": arr(obj({"id": BODY, "name": TEXT,
                             "municipalities": arr({"type": "string", "pattern": r"^14\d{2}$"}, uniqueItems=True,
                                                   description="Kommunkod of the member municipalities, where a public source gives them."),
                             "source": TEXT, "retrieved": DATE,
                             "note": {**TEXT, "description": "What could not be sourced, said plainly rather than guessed."}},
                            ("id", "name")), minItems=1),
      "note": TEXT,
   }, ("id", "name", "type"), description="One body (organ) of the collaboration."), minItems=1),
   "members": arr(obj({"name": TEXT, "email": EMAIL,
                       "roles": arr(BODY, minItems=1, uniqueItems=True, description="Body ids this person acts for."),
                       "subregion": {**BODY, "description": "Subregion a DVS representative speaks for."}},
                      ("name", "email", "roles"),
                      description="A person who may act in the process. Work contacts only: never patient data."))},
  ("bodies", "members"))

PLAN_TEXTS = {"budget": "5.1 Budget: the text before the table.",
              "financing": "5.2 Finansieringsmodell: the text before the financing keys (SITIV's base financing).",
              "gits": "6.1 GITS.", "reference_group": "6.2 Länsgemensam referensgrupp SHVO, incl. its uppdragsbeskrivning and figure caption.",
              "process": "6.3 Ärendeprocess: the introduction.",
              "process_within_plan": "6.3.1 Ärenden som identifieras och ryms inom gällande förvaltningsplan.",
              "process_next_year": "6.3.2 Ärenden som behöver omhändertas i kommande års förvaltningsplan.",
              "operations": "6.4 Daglig drift och underhåll.", "change_management": "6.5 Ändringshantering och utveckling.",
              "systems": "7 Närliggande system: the introduction before the table.",
              "abbreviations": "8 Förkortningar: the line before the list."}
assignment = obj({"id": SLUG, "category": CATEGORY, "text": TEXT, "items": arr(TEXT, minItems=1),
                  "seed": {**TEXT, "description": "Section of the seed the assignment comes from, where not its category's (e.g. '3')."},
                  "note": TEXT,
                  "requests": arr(REQ_ID, minItems=1, uniqueItems=True, description="Requests (needs VVG took on) this assignment was proposed for by `shvo plan new`.")},
                 ("id", "category", "text"), description="One uppdrag of the plan; requests name it by id.")
schemas["plan"] = doc("plan", "Förvaltningsplan (management plan)",
  "One year's plan: goal, mission, governing documents, every assignment (uppdrag) under its category, communication, abbreviations, references and adoption status.",
  {"id": {"type": "string", "pattern": r"^plan-\d{4}$"}, "year": YEAR, "title": TEXT, "subtitle": TEXT, "owner": BODY,
   "status": {"enum": ["draft", "adopted"], "description": "draft until VVG takes its position (ställningstagande)."},
   "adoption": obj({"body": BODY, "date": {"anyOf": [DATE, {"type": "null"}]},
                    "decision": {"anyOf": [DEC_ID, {"type": "null"}]}}, ("body", "date"),
                   description="Who adopts the plan, and when (null while it is a draft)."),
   "introduction": arr(TEXT), "goals": arr(TEXT, minItems=1), "mission": arr(TEXT, minItems=1),
   "governing_documents": arr(obj({"id": SLUG, "title": TEXT}, ("id", "title"))),
   "categories": arr(obj({"id": CATEGORY, "seed": TEXT, "name": TEXT}, ("id", "name")), minItems=3, maxItems=3),
   "assignments": arr(assignment, minItems=1),
   "communication": obj({"text": TEXT, "channels": arr(TEXT)}, ("text",)),
   "abbreviations": arr(obj({"term": TEXT, "text": TEXT}, ("term", "text"))),
   "references": arr(TEXT),
   "carried_from": {**YEAR, "description": "The plan year this draft was made from (`shvo plan new`)."},
   "amendments": arr(obj({"date": DATE, "decision": DEC_ID, "text": TEXT}, ("date", "decision", "text"),
                         description="A change to an adopted plan, made by a VVG decision (an adopted plan is not edited in place)."),
                     minItems=1),
   "texts": obj({key: arr(TEXT, minItems=1, description=what) for key, what in PLAN_TEXTS.items()},
                description="The plan's other text sections, paragraph by paragraph, as the document renders them.")},
  ("id", "year", "title", "status", "adoption", "goals", "assignments"))

parties = {"type": "object", "propertyNames": BODY, "additionalProperties": KRONOR, "minProperties": 1}
schemas["budget"] = doc("budget", "Budget and financing keys",
  "One year's budget as the plan states it (section 5.1) and the financing keys of 5.2. Amounts are whole kronor.",
  {"id": {"type": "string", "pattern": r"^budget-\d{4}$"}, "year": YEAR, "decided_by": BODY,
   "status": {"enum": ["preliminary", "decided"], "description": "preliminary (förhandsbeslutad) until SITIV decides."},
   "decision": DEC_ID, "currency": {"const": "SEK"}, "source": TEXT,
   "invoicing": obj({"reading": {"enum": ["monthly-with-true-up", "key-updated-yearly"],
                                 "description": "monthly-with-true-up: budget ÷ 12 a month by the population table in force, and a yearly true-up against SCB (shvo budget reconcile). key-updated-yearly: the key is updated from SCB once a year and there is no true-up (reconcile is refused)."},
                     "seed": {**TEXT, "description": "The seed's words (5.2) the reading interprets."},
                     "chosen_by": {**TEXT, "description": "Who chose the reading, and when (a local setting)."}},
                    ("reading",), description="How the financing model of 5.2 is read for invoicing: an interpretation, chosen here."),
   "parties": arr(BODY, minItems=2, uniqueItems=True, description="Paying parties (VGR, VGK)."),
   "keys": arr(obj({"id": SLUG, "text": TEXT,
                    "shares": {"type": "object", "propertyNames": BODY,
                               "additionalProperties": {"type": "integer", "minimum": 0, "maximum": 100},
                               "minProperties": 1, "description": "Whole percent per party; must sum to 100."}},
                   ("id", "shares"), description="A fördelningsnyckel."), minItems=1),
   "lines": arr(obj({"id": SLUG, "name": TEXT, "amount": KRONOR,
                     "staffing_percent": {"type": "integer", "minimum": 0, "description": "Staffing in percent of a full-time post (580 = 5.8 FTE)."},
                     "key": {"anyOf": [SLUG, {"type": "null"}], "description": "Financing key id, or null where the plan names none."},
                     "stated": {**parties, "description": "The per-party figures the plan states for this line."}},
                    ("id", "name", "amount", "key"), description="One budget line."), minItems=1),
   "stated_total": {"type": "object", "properties": {"amount": KRONOR}, "required": ["amount"],
                    "additionalProperties": KRONOR, "propertyNames": {"anyOf": [{"const": "amount"}, BODY]},
                    "description": "The totals as the plan states them (amount and per party)."},
   "population": {"type": "string", "pattern": r"^population-[0-9a-z-]+$", "description": "Population table the budget is divided by (default: the latest dated before 1 January of the year)."},
   "carried_from": {**YEAR, "description": "The budget year this draft was made from (`shvo budget new`)."},
   "amendments": arr(obj({"line": SLUG, "amount": {"type": "integer", "description": "Whole kronor added to the line (negative: taken from it)."},
                          "decision": DEC_ID, "date": DATE, "note": TEXT},
                         ("line", "amount", "decision", "date"),
                         description="A change to a decided budget, appended, citing the SITIV decision that made it; invoices from the month after the decision take it up."),
                     minItems=1)},
  ("id", "year", "status", "parties", "keys", "lines"))

schemas["population"] = doc("population", "Population table",
  "Registered population (folkmängd) of the county's 49 municipalities, each with its own date and source.",
  {"id": {"type": "string", "pattern": r"^population-[0-9a-z-]+$"}, "reference_date": DATE,
   "stated_total": {"type": "integer", "minimum": 1}, "stated_total_source": TEXT, "compiled_from": TEXT,
   "municipalities": arr(obj({"code": {"type": "string", "pattern": r"^\d{4}$", "description": "Kommunkod, quoted so that it stays text."},
                              "name": TEXT, "association": BODY,
                              "population": {"type": "integer", "minimum": 1},
                              "as_of": DATE, "source": TEXT},
                             ("code", "name", "association", "population", "as_of", "source")), minItems=1)},
  ("id", "reference_date", "municipalities"))

schemas["systems"] = doc("systems", "Related systems",
  "The dependency register (seed section 7): each system and how it depends on SAMSA.",
  {"source": TEXT, "systems": arr(obj({"id": BODY, "name": TEXT, "dependency": TEXT,
                                       "notify": arr(TEXT, minItems=1, description="Who must be told when a change touches the system."),
                                       "operated_by": arr(BODY, minItems=1)},
                                      ("id", "name", "dependency")), minItems=1)},
  ("systems",))

requires = obj({"scope": {"type": "boolean"}, "assignment": {"type": "boolean"}, "subregion": {"type": "boolean"},
                "note": {"type": "boolean"}, "outcome": {"enum": ["passed", "failed"]},
                "decisions": {"type": "object", "minProperties": 1, "maxProperties": 1, "additionalProperties": False,
                              "properties": {"all_of": arr(BODY, minItems=1), "one_of": arr(BODY, minItems=1)}}},
               description="What the history entry of this transition must carry.")
schemas["process"] = doc("process", "Request process and annual cycle",
  "States, transitions (who may make each and what each requires) and the annual-cycle milestones, as data.",
  {"source": TEXT,
   "scopes": arr(obj({"id": SCOPE, "name": TEXT, "seed": TEXT}, ("id", "name"))),
   "channels": arr(obj({"id": SLUG, "name": TEXT}, ("id", "name")), minItems=1),
   "states": arr(obj({"id": SLUG, "name": TEXT, "initial": {"type": "boolean"}, "terminal": {"type": "boolean"},
                      "description": TEXT}, ("id", "name")), minItems=1),
   "transitions": arr(obj({"id": SLUG, "name": TEXT, "from": arr(SLUG, minItems=1, uniqueItems=True), "to": SLUG,
                           "by": arr(BODY, minItems=1, uniqueItems=True), "scope": SCOPE, "requires": requires,
                           "quarters": arr({"type": "integer", "minimum": 1, "maximum": 4}, minItems=1, uniqueItems=True,
                                           description="Quarters the seed ties this step to (6.3.2); a step dated outside them is warned about (H013)."),
                           "consensus": arr(BODY, minItems=2, uniqueItems=True,
                                            description="Bodies that decide together (6.3.1: GITS together with REF): the step names who acts for each.")},
                          ("id", "from", "to", "by")), minItems=1),
   "milestones": arr(obj({"id": SLUG, "quarters": arr({"type": "integer", "minimum": 1, "maximum": 4}, minItems=1, uniqueItems=True),
                          "body": BODY, "decision_type": SLUG, "after": arr(SLUG), "text": TEXT,
                          "inferred": TEXT},
                         ("id", "quarters", "body", "text")))},
  ("states", "transitions", "milestones"))

entry = obj({"date": DATE, "transition": SLUG, "to": SLUG,
             "by": obj({"person": EMAIL, "role": BODY,
                        "claimed": {"type": "boolean", "description": "true when the organisation listed no members, so the role could not be checked and is recorded as claimed."}},
                       ("person", "role")),
             "note": TEXT, "scope": SCOPE, "subregion": BODY, "outcome": {"enum": ["passed", "failed"]},
             "decisions": arr(DEC_ID, minItems=1, uniqueItems=True),
             "edited": arr({"enum": ["title", "description", "systems", "assignment", "category", "channel", "area", "municipalities"]}, minItems=1, uniqueItems=True,
                           description="Fields changed by `shvo request edit` in this entry (an entry without a transition)."),
             "assignment": SLUG,
             "concurrence": obj({"person": EMAIL, "role": BODY}, ("person", "role"),
                                description="The other side of a consensus step (6.3.1): who concurred for the other body."),
             "awaiting_meeting": {"enum": ["REF", "VVG"], "description": "The request waits for a meeting of this body from this entry until the next one; GITS's service-level clock is paused meanwhile."}},
            ("date", "to", "by"), description="One step of the request's history; only ever appended. An entry without a transition is a note or an edit and stays in the current state.")
schemas["request"] = doc("request", "Request (ärende)",
  "A change request to GITS and its history through the process.",
  {"id": REQ_ID, "example": {"type": "boolean", "description": "true for the bundled example requests."},
   "title": TEXT, "description": TEXT, "category": CATEGORY, "assignment": SLUG,
   "channel": SLUG, "area": {"enum": ["in-discharge", "sip", "outpatient", "it-service", "other"]},
   "scope": SCOPE, "systems": arr(BODY, uniqueItems=True, description="Related systems the request touches (ids in systems.yaml); their owners must be told."),
   "municipalities": arr({"type": "string", "pattern": r"^14\d{2}$"}, uniqueItems=True, description="Kommunkod of municipalities the request concerns, if any."),
   "state": SLUG,
   "history": arr(entry, minItems=1)},
  ("id", "title", "category", "channel", "state", "history"))

MINUTE = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$",
          "description": "Local date and time to the minute, YYYY-MM-DDTHH:MM."}
update = obj({"at": MINUTE, "by": obj({"person": EMAIL, "role": BODY}, ("person", "role")),
              "text": {**TEXT, "description": "The assessment (bedömning) at this time. Never personal data."},
              "actions_taken": arr(TEXT, description="Åtgärder vidtagna since the last update."),
              "actions_planned": arr(TEXT, description="Planerade åtgärder."),
              "informed": arr(obj({"who": {**TEXT, "description": "An organisation or role (berörda verksamheter, REF …), never a patient."},
                                   "at": MINUTE}, ("who", "at")), description="Who was told, and when.")},
             ("at", "by", "text"), description="One update of the dialogue; only ever appended.")
schemas["incident"] = doc("incident", "Outage (driftstopp, seed 6.4)",
  "An outage of the IT service: when it started and ended, the systems of the register it hit, and the appended dialogue between Peak Networks, GITS and applikationsleverans.",
  {"id": {"type": "string", "pattern": r"^INC-[0-9]{4}-[0-9A-HJKMNP-TV-Z]{4,8}$",
          "description": "Incident id: INC-, the year, and 4–8 characters of Crockford base32."},
   "example": {"type": "boolean"}, "title": TEXT,
   "systems": arr(BODY, minItems=1, uniqueItems=True, description="Affected systems (ids in systems.yaml)."),
   "started": MINUTE, "ended": {"anyOf": [MINUTE, {"type": "null"}]},
   "state": {"enum": ["open", "closed"]},
   "updates": arr(update, minItems=1)},
  ("id", "title", "systems", "started", "state", "updates"))

schemas["service-levels"] = doc("service-levels", "GITS's service levels (a local setting)",
  "How long GITS aims to let a request wait in each state. Not the plan's words: the seed sets no time limits. Optional; shvo init starts without it.",
  {"set_by": {**BODY, "description": "The body that set these levels (GITS)."}, "set_on": DATE,
   "reference": {**TEXT, "description": "Where they were set, e.g. 'GITS ledningsgrupp 2025-01-15'."},
   "note": TEXT,
   "days": {"type": "object", "propertyNames": SLUG, "additionalProperties": {"type": "integer", "minimum": 1},
            "minProperties": 1, "description": "State id → longest wait in days, before time paused for REF/VVG meetings."}},
  ("set_by", "set_on", "reference", "days"))

schemas["decision"] = doc("decision", "Decision (beslut)",
  "A decision or position taken by a body, with its reference in the minutes.",
  {"id": DEC_ID, "example": {"type": "boolean"}, "body": BODY, "date": DATE,
   "type": {"enum": ["adopt-plan", "decide-budget", "position-new-needs", "escalated-request", "anchoring",
                      "needs-inventory", "budget-basis", "final-report", "draft-verksamhetsplan",
                      "adopt-verksamhetsplan", "other"]},
   "outcome": {"enum": ["approved", "rejected", "noted"]},
   "concerns": obj({"requests": arr(REQ_ID, uniqueItems=True), "plan": {"type": "string", "pattern": r"^plan-\d{4}$"},
                    "budget": {"type": "string", "pattern": r"^budget-\d{4}$"}}),
   "reference": {**TEXT, "description": "Where the decision is minuted, e.g. 'Protokoll VVG 2025-04-24, § 7'."},
   "summary": TEXT},
  ("id", "body", "date", "type", "reference"))

for name, s in schemas.items():
    (OUT / f"{name}.schema.json").write_text(json.dumps(s, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
print(sorted(schemas))
