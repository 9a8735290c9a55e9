"""Planning models, one module per part; import them from here."""

from .assessments import NeedsAssessment
from .plans import (
    CountryPlan,
    PlanConsultation,
    PlanLine,
    PlanLineActivity,
    PlanStatus,
    PlanVersion,
)
from .projects import DAProject, DAProjectReport, DAProjectReview, DAProjectStatus
from .requests import (
    ANSWERED_CRITERIA,
    CRITERIA,
    DECISIONS,
    LEAD_TIME_MONTHS,
    REQUIRED_CRITERIA,
    AssistanceRequest,
    Consultation,
    RequestKind,
    RequestStatus,
)
from .results import (
    Actual,
    ActualStatus,
    Indicator,
    IndicatorKind,
    Target,
)
from .strategies import (
    CABINET_APPROVAL,
    STEP_ORDER,
    CommitteeMember,
    StepStatus,
    StrategyDocument,
    StrategyProcess,
    StrategyStep,
    StrategyStepRecord,
)

__all__ = [
    "ANSWERED_CRITERIA",
    "CABINET_APPROVAL",
    "CRITERIA",
    "DECISIONS",
    "LEAD_TIME_MONTHS",
    "REQUIRED_CRITERIA",
    "STEP_ORDER",
    "Actual",
    "ActualStatus",
    "AssistanceRequest",
    "CommitteeMember",
    "Consultation",
    "CountryPlan",
    "DAProject",
    "DAProjectReport",
    "DAProjectReview",
    "DAProjectStatus",
    "Indicator",
    "IndicatorKind",
    "NeedsAssessment",
    "PlanConsultation",
    "PlanLine",
    "PlanLineActivity",
    "PlanStatus",
    "PlanVersion",
    "RequestKind",
    "RequestStatus",
    "StepStatus",
    "StrategyDocument",
    "StrategyProcess",
    "StrategyStep",
    "StrategyStepRecord",
    "Target",
]
