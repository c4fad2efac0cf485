from tests.petitions.conftest import category, make_petition, people, units  # noqa: F401
