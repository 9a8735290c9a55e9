"""The one write path for TISC networks: each call, one audited transaction. A package of
modules (networks, centres, reports, links, certification, reminders) re-exported here."""

from .centres import (
    CENTRE_FIELDS,
    centre_change_approve,
    centre_change_reject,
    centre_change_submit,
    centre_create,
    centre_update,
)
from .certification import participant_enrol, phase_record
from .links import (
    activity_tag,
    activity_untag,
    centre_survey_create,
    indicator_feed_remove,
    indicator_feed_set,
    network_need_file,
)
from .networks import (
    CRITERIA,
    LEVEL_CRITERIA,
    agreement_remove,
    agreement_upload,
    level_assess,
    network_create,
    network_update,
)
from .reminders import reminders_send
from .reports import (
    clean_report_data,
    feed_indicators,
    periods_of,
    report_approve,
    report_data,
    report_return,
    report_save,
    report_submit,
    report_upload,
    work_plan_save,
)

__all__ = [
    "CENTRE_FIELDS",
    "CRITERIA",
    "LEVEL_CRITERIA",
    "activity_tag",
    "activity_untag",
    "agreement_remove",
    "agreement_upload",
    "centre_change_approve",
    "centre_change_reject",
    "centre_change_submit",
    "centre_create",
    "centre_survey_create",
    "centre_update",
    "clean_report_data",
    "feed_indicators",
    "indicator_feed_remove",
    "indicator_feed_set",
    "level_assess",
    "network_create",
    "network_need_file",
    "network_update",
    "participant_enrol",
    "periods_of",
    "phase_record",
    "reminders_send",
    "report_approve",
    "report_data",
    "report_return",
    "report_save",
    "report_submit",
    "report_upload",
    "work_plan_save",
]
