{{ stage_plan_kpis(source('takeoff_plan', 'takeoff_plan_2013__pharma_kpis')) }}
