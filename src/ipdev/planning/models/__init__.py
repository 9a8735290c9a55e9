"""Planning models, one module per part; import them from here."""

from .plans import CountryPlan, PlanConsultation, PlanLine, PlanStatus, PlanVersion
from .requests import (
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
    DAProject,
    Indicator,
    IndicatorKind,
    Target,
)
from .strategies import (
    STEP_ORDER,
    StepStatus,
    StrategyDocument,
    StrategyProcess,
    StrategyStep,
    StrategyStepRecord,
)

__all__ = [
    "CRITERIA",
    "DECISIONS",
    "LEAD_TIME_MONTHS",
    "REQUIRED_CRITERIA",
    "STEP_ORDER",
    "Actual",
    "ActualStatus",
    "AssistanceRequest",
    "Consultation",
    "CountryPlan",
    "DAProject",
    "Indicator",
    "IndicatorKind",
    "PlanConsultation",
    "PlanLine",
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
