"""GET /healthcheck reports the app and the database."""


def test_healthy(client, database_url):
    response = client.get("/healthcheck")
    assert response.status_code == 200
    assert response.json["status"] == "ok"
    assert response.json["app"] == "ok"
    assert response.json["database"] == "ok"
    expected_engine = "postgresql" if database_url.startswith("postgres") else "sqlite"
    assert response.json["databaseEngine"] == expected_engine


def test_database_unreachable(make_app, tmp_path):
    app = make_app(database_url=f"sqlite:///{tmp_path}/missing-directory/db.sqlite3")
    response = app.test_client().get("/healthcheck")
    assert response.status_code == 503
    assert response.json["status"] == "unavailable"
    assert response.json["database"] == "unavailable"
