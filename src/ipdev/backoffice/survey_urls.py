"""The personal-link survey page, mounted at /survey/ (namespace "survey")."""

from django.urls import path

from .workflow import surveys

app_name = "survey"
urlpatterns = [path("<str:token>/", surveys.survey_answer, name="answer")]
