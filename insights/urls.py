from django.urls import path

from insights import views

urlpatterns = [path("frequentation/compter/", views.beacon, name="insights_beacon")]
