{{ stage_plan_kpis(source('takeoff_plan', 'takeoff_plan__talent_kpis')) }}
