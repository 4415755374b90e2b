from . import qoo10_auth_wizard, qoo10_cancel_wizard, qoo10_import_orders_wizard
