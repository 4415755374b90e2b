from . import qoo10_auth_wizard
from . import qoo10_import_orders_wizard
